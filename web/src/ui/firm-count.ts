import { api } from '../api.ts';
import type { Translator } from '../i18n.ts';

/** The number of firms matching the filters in the header (as of a date, if one is set), and the sample notice. */
export async function showFirmCount(query: URLSearchParams, signal: AbortSignal, t: Translator, asOf: string | null): Promise<void> {
  const [count, health] = await Promise.all([api.search(query, 1, signal), api.health()]);
  if (signal.aborted) return;
  const total = document.getElementById('total')!;
  document.getElementById('sample-notice')!.hidden = health.sampleCompanies === 0;
  total.textContent = asOf ? t.t('firmsShownAsOf', { count: count.numberMatched, date: t.date(asOf) }) : t.t('firmsShown', { count: count.numberMatched });
  total.dataset.count = String(count.numberMatched);
}
