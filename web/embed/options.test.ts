import { describe, expect, it } from 'vitest';
import { readState } from '../src/state.ts';
import { parseHeight, totalHeight } from '../../shared/embed/attributes.ts';
import { type EmbedOptions, embedAttributes, fullMapUrl, readOptions } from './options.ts';
import { embedPageUrl, iframeSnippet, scriptSnippet } from '../../shared/embed/snippet.ts';

const attributes = (values: Record<string, string>) => (name: string) => values[name] ?? null;

describe('the embed options', () => {
  it('reads the filters with the full map’s names, forgiving spaces and case', () => {
    const options = readOptions(attributes({ sector: 'outdoor, Phyto_Wellbeing', country: 'fr,IT', q: '  col du  ', layers: 'companies,density' }), 'it');
    expect(options.view).toEqual({
      lang: 'it',
      sectors: ['outdoor', 'phyto_wellbeing'],
      countries: ['FR', 'IT'],
      sizes: [],
      q: 'col du',
      layers: ['companies', 'density'],
      asOf: null,
    });
  });

  it('falls back to the defaults for malformed values instead of failing', () => {
    const options = readOptions(attributes({ sector: 'ski', 'as-of': '2010-02-30', bbox: '1,2,3', center: 'a,b', height: 'tall', theme: 'neon', zoom: 'x' }), 'en');
    expect(options).toEqual({
      view: { lang: 'en', sectors: [], countries: [], sizes: [], q: '', layers: ['companies', 'links', 'actors', 'territories'], asOf: null },
      camera: null,
      height: '400px',
      theme: 'light',
      accent: null,
      interactive: true,
      list: false,
    });
  });

  it('reads as-of as a date, or a year as its 31 December', () => {
    expect(readOptions(attributes({ 'as-of': '2010-06-15' }), 'fr').view.asOf).toBe('2010-06-15');
    expect(readOptions(attributes({ 'as-of': ' 2010 ' }), 'fr').view.asOf).toBe('2010-12-31');
    expect(readOptions(attributes({ 'as-of': 'last year' }), 'fr').view.asOf).toBeNull();
  });

  it('takes a bbox before a center and zoom', () => {
    expect(readOptions(attributes({ bbox: '6.5,45.5,7.5,46.2', center: '7,45.9', zoom: '10' }), 'fr').camera).toEqual({ bbox: [6.5, 45.5, 7.5, 46.2] });
    expect(readOptions(attributes({ center: '7,45.9', zoom: '10' }), 'fr').camera).toEqual({ center: [7, 45.9], zoom: 10 });
    expect(readOptions(attributes({ center: '7,45.9' }), 'fr').camera).toEqual({ center: [7, 45.9], zoom: 9 });
  });

  it('reads list and interactive as boolean attributes', () => {
    expect(readOptions(attributes({ list: '' }), 'fr')).toMatchObject({ list: true, interactive: true });
    expect(readOptions(attributes({ list: 'false', interactive: 'false' }), 'fr')).toMatchObject({ list: false, interactive: false });
  });

  it('reads heights in pixels or CSS lengths, within sane bounds', () => {
    expect(parseHeight('420')).toBe('420px');
    expect(parseHeight('420px')).toBe('420px');
    expect(parseHeight('60vh')).toBe('60vh');
    expect(parseHeight('100%')).toBe('100%');
    expect(parseHeight('20')).toBe('160px');
    expect(parseHeight('1e9')).toBe('400px');
    expect(parseHeight('calc(100px + 1em)')).toBe('400px');
  });

  it('reserves the map, the bar, the list and the frame border before the widget loads', () => {
    expect(totalHeight('420px', false)).toBe('calc(420px + 42px)');
    expect(totalHeight('420px', true)).toBe('calc(420px + 282px)');
    expect(totalHeight('100%', true)).toBe('100%');
  });

  it('writes attributes that read back as the same options', () => {
    const options: EmbedOptions = {
      view: { lang: 'it', sectors: ['outdoor'], countries: ['FR', 'IT'], sizes: ['small'], q: 'pré saint', layers: ['companies', 'density'], asOf: '2010-12-31' },
      camera: { center: [7.05, 45.9], zoom: 8.25 },
      height: '420px',
      theme: 'dark',
      accent: '#b8267a',
      interactive: false,
      list: true,
    };
    const written = embedAttributes(options);
    expect(written.map(([name]) => name)).toEqual(['lang', 'sector', 'country', 'size', 'as-of', 'q', 'layers', 'center', 'zoom', 'height', 'list', 'interactive', 'theme', 'accent']);
    const values = Object.fromEntries(written);
    expect(readOptions(attributes(values), values.lang as 'it')).toEqual(options);
  });

  it('leaves the defaults out of the attributes', () => {
    expect(embedAttributes(readOptions(attributes({}), 'fr'))).toEqual([['lang', 'fr']]);
  });

  it('links to the same view in the full map, with its state encoding and camera', () => {
    const { view } = readOptions(attributes({ sector: 'outdoor', country: 'CH' }), 'fr');
    const url = new URL(fullMapUrl('https://atlas.example', view, { center: [7.123456, 46.1], zoom: 9.5 }, 42));
    expect(url.origin).toBe('https://atlas.example');
    expect(url.hash).toBe('#map=9.5/46.1/7.1235');
    expect(readState(url.search, 'en')).toMatchObject({ lang: 'fr', sectors: ['outdoor'], countries: ['CH'], firm: 42 });
  });
});

describe('the embed snippets', () => {
  const written = embedAttributes(readOptions(attributes({ sector: 'outdoor', country: 'FR,IT', q: '"><script>alert(1)</script>', list: '' }), 'it'));

  it('escapes every attribute value of the script snippet', () => {
    const snippet = scriptSnippet('https://atlas.example', written, { href: 'https://atlas.example/?a=1&b=2', text: 'Atlas <3' });
    expect(snippet).toContain('<script src="https://atlas.example/embed.js" async></script>');
    expect(snippet).toContain('q="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(snippet).toContain(' list>');
    expect(snippet).toContain('<a href="https://atlas.example/?a=1&amp;b=2">Atlas &lt;3</a></mont-blanc-atlas>');
    expect(snippet).not.toContain('<script>alert');
  });

  it('gives the iframe the same options as query parameters, commas left readable', () => {
    const url = embedPageUrl('https://atlas.example', written);
    expect(url).toMatch(/^https:\/\/atlas\.example\/embed\?lang=it&sector=outdoor&country=FR,IT&q=/);
    expect(new URL(url).searchParams.get('q')).toBe('"><script>alert(1)</script>');
    expect(iframeSnippet('https://atlas.example', written, 'Atlas', 400)).toContain('height="680"');
  });
});
