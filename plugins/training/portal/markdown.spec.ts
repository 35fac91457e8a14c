import { renderInline, renderMarkdown, safeUrl } from './markdown';

describe('lesson material as HTML', () => {
  it('renders headings (moved under the page’s own), paragraphs, emphasis and code', () => {
    const html = renderMarkdown('# Угода\n\nЦе **важливо** і *зручно*, а ~~старе~~ `code <b>`.\nДругий рядок.');
    expect(html).toBe('<h3>Угода</h3>\n<p>Це <strong>важливо</strong> і <em>зручно</em>, а <del>старе</del> <code>code &lt;b&gt;</code>. Другий рядок.</p>');
  });

  it('renders bullet and numbered lists, nested by indentation', () => {
    expect(renderMarkdown('- one\n- two\n  - inner\n- three')).toBe('<ul><li>one</li><li>two<ul><li>inner</li></ul></li><li>three</li></ul>');
    expect(renderMarkdown('1. first\n2. second')).toBe('<ol><li>first</li><li>second</li></ol>');
    expect(renderMarkdown('3. third\n4. fourth')).toBe('<ol start="3"><li>third</li><li>fourth</li></ol>');
    expect(renderMarkdown('- a\n  continued\n- b')).toBe('<ul><li>a continued</li><li>b</li></ul>');
  });

  it('renders quotes, rules, fenced code and tables', () => {
    expect(renderMarkdown('> quoted **text**')).toBe('<blockquote><p>quoted <strong>text</strong></p></blockquote>');
    expect(renderMarkdown('---')).toBe('<hr>');
    expect(renderMarkdown('```js\nconst a = "<x>";\n```')).toBe('<pre><code class="language-js">const a = &quot;&lt;x&gt;&quot;;</code></pre>');
    expect(renderMarkdown('| A | B |\n|---|---|\n| 1 | **2** |')).toBe('<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td><strong>2</strong></td></tr></tbody></table>');
  });

  it('renders links and images with safe addresses only', () => {
    expect(renderInline('[Docs](https://example.com/a?b=1&c=2)')).toBe('<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">Docs</a>');
    expect(renderInline('[Deals](/deals)')).toBe('<a href="/deals">Deals</a>');
    expect(renderInline('[x](javascript:alert(1))')).toBe('x');
    expect(renderInline('[x](JaVaScRiPt:alert(1))')).toBe('x');
    expect(renderInline('![Схема](https://example.com/s.png)')).toBe('<img src="https://example.com/s.png" alt="Схема" loading="lazy">');
    expect(renderInline('![x](data:image/png;base64,AAA)')).toBe('x');
    expect(renderInline('see https://example.com/page.')).toBe('see <a href="https://example.com/page" target="_blank" rel="noopener noreferrer">https://example.com/page</a>.');
  });

  it('never lets the author’s HTML through', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[a](https://x.test/" onmouseover="alert(1))');
    expect(html).not.toMatch(/<script|<img src=x|" onmouseover/);
    expect(html).toContain('&lt;script&gt;');
    expect(renderInline('**<i>bold</i>**')).toBe('<strong>&lt;i&gt;bold&lt;/i&gt;</strong>');
  });

  it('keeps safe URLs and refuses other schemes', () => {
    expect(safeUrl('mailto:hr@firm.ua')).toBe('mailto:hr@firm.ua');
    expect(safeUrl('java\nscript:alert(1)')).toBeNull();
    expect(safeUrl('//evil.test/x')).toBeNull();
    expect(safeUrl('vbscript:x')).toBeNull();
    expect(safeUrl('docs/guide.pdf')).toBe('docs/guide.pdf');
  });

  it('renders nothing for no material', () => {
    expect(renderMarkdown('')).toBe('');
    expect(renderMarkdown(null)).toBe('');
  });
});
