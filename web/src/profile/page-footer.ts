/**
 * The foot of every printed page, written in the page's bottom margin (CSS page-margin boxes): an
 * element fixed to the bottom of the page would sit over whatever the page ends with.
 */
export function setPageFooter(text: string): void {
  const quoted = `"${text.replace(/["\\]/g, '\\$&').replace(/\s+/g, ' ')}"`;
  const style = 'font: 8px/1.3 "Noto Sans", sans-serif; color: #5f6b73; vertical-align: top; padding-top: 2.5mm; border-top: 0.5px solid #cfd6db;';
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`@page { @bottom-left { content: ${quoted}; ${style} } @bottom-right { content: counter(page) " / " counter(pages); ${style} } }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
