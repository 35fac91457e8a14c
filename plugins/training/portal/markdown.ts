/**
 * Lesson material: Markdown → HTML, safely. Every piece of the author's text is HTML-escaped before any tag is
 * added, so the only tags in the output are the ones this renderer writes; link and image addresses are kept
 * only with a safe scheme (http, https, mailto, or a relative path). Angular's sanitizer checks the result once
 * more when it is bound with [innerHTML].
 *
 * Covers what course material needs: headings, paragraphs, bullet and numbered lists (nested by indentation),
 * quotes, fenced and inline code, bold, italic, strike-through, links, images, horizontal rules, simple tables.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '');
}

/** A link or image address the author wrote, if its scheme is safe; escaped for an attribute. */
export function safeUrl(raw: string, images = false): string | null {
  // Browsers ignore control characters and spaces inside a scheme ("java\nscript:"): so does the check.
  const url = [...raw].filter((ch) => ch.charCodeAt(0) > 0x20 && ch.charCodeAt(0) !== 0x7f && !/\s/.test(ch)).join('');
  if (!url) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    const allowed = images ? ['http', 'https'] : ['http', 'https', 'mailto'];
    if (!allowed.includes(name)) return null;
  } else if (url.startsWith('//')) {
    return null;
  }
  return escapeHtml(url);
}

// ---- inline ------------------------------------------------------------------------------------------------

/** Marks a finished piece of HTML inside the text being formatted (a private-use character, removed from input). */
const HOLD = '\uE000';

/** Inline Markdown of one block's text (raw, unescaped) → HTML. */
export function renderInline(raw: string): string {
  const held: string[] = [];
  const hold = (html: string) => `${HOLD}${held.push(html) - 1}${HOLD}`;

  // Code spans first: nothing inside them is Markdown.
  let text = raw.replace(/\uE000/g, '').replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_, _ticks: string, code: string) => hold(`<code>${escapeHtml(code.trim())}</code>`));
  text = escapeHtml(text);

  // Images, then links; the address is checked, the text gets emphasis only.
  text = text.replace(/!\[([^\]]*)\]\(\s*((?:[^\s()]|\([^\s()]*\))+)(?:\s+&quot;[^)]*?&quot;)?\s*\)/g, (_whole, alt: string, url: string) => {
    const src = safeUrl(unescapeHtml(url), true);
    return src ? hold(`<img src="${src}" alt="${alt}" loading="lazy">`) : alt;
  });
  text = text.replace(/\[([^\]]+)\]\(\s*((?:[^\s()]|\([^\s()]*\))+)(?:\s+&quot;([^)]*?)&quot;)?\s*\)/g, (_whole, label: string, url: string, title?: string) => {
    const href = safeUrl(unescapeHtml(url));
    if (!href) return emphasis(label);
    const external = /^(https?:)?\/\//i.test(unescapeHtml(url)) || /^mailto:/i.test(url);
    return hold(`<a href="${href}"${title ? ` title="${title}"` : ''}${external ? ' target="_blank" rel="noopener noreferrer"' : ''}>${emphasis(label)}</a>`);
  });
  // Bare web addresses become links too.
  text = text.replace(/\bhttps?:\/\/[^\s<>()\uE000]+[^\s<>().,;:!?'"\uE000]/g, (url) => {
    const href = safeUrl(unescapeHtml(url));
    return href ? hold(`<a href="${href}" target="_blank" rel="noopener noreferrer">${url}</a>`) : url;
  });

  text = emphasis(text);
  // A hard line break: two spaces or a backslash before the end of a line.
  text = text.replace(/(?: {2,}|\\)\n/g, '<br>').replace(/\n/g, ' ');
  return text.replace(new RegExp(`${HOLD}(\\d+)${HOLD}`, 'g'), (_, i: string) => held[Number(i)]);
}

/** Bold, italic and strike-through on already escaped text. */
function emphasis(text: string): string {
  return text
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w])__(?=\S)([\s\S]*?\S)__(?!\w)/g, '$1<strong>$2</strong>')
    .replace(/\*(?=[^\s*])([^*]*?[^\s*])\*/g, '<em>$1</em>')
    .replace(/\*(?=[^\s*])([^*\s])\*/g, '<em>$1</em>')
    .replace(/(^|[^\w])_(?=[^\s_])([^_]*?[^\s_]|[^\s_])_(?!\w)/g, '$1<em>$2</em>')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '<del>$1</del>');
}

// ---- blocks ------------------------------------------------------------------------------------------------

const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)\s*$/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line);
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

/**
 * Markdown → HTML. `headingShift` moves the author's headings down (a lesson's "#" sits under the page's own
 * headings): with the default 2, "#" becomes <h3>.
 */
export function renderMarkdown(source: string | null | undefined, headingShift = 2): string {
  const text = String(source ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/\uE000/g, '')
    .replace(/\t/g, '    ');
  return renderBlocks(text.split('\n'), headingShift);
}

function renderBlocks(lines: string[], shift: number): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !new RegExp(`^\\s{0,3}${fence[1][0]}{${fence[1].length},}\\s*$`).test(lines[i])) body.push(lines[i++]);
      i++;
      const lang = fence[2] ? ` class="language-${escapeHtml(fence[2])}"` : '';
      out.push(`<pre><code${lang}>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = Math.min(6, heading[1].length + shift);
      out.push(`<h${level}>${renderInline(heading[2])}</h${level}>`);
      i++;
      continue;
    }
    if (RULE.test(line)) {
      out.push('<hr>');
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && lines[i].trim() && QUOTE.test(lines[i])) body.push((QUOTE.exec(lines[i++]) as RegExpExecArray)[1]);
      out.push(`<blockquote>${renderBlocks(body, shift)}</blockquote>`);
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      i = renderList(lines, i, shift, out);
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1]) && lines[i + 1].includes('-')) {
      const head = cells(line);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && lines[i].trim() && lines[i].includes('|')) rows.push(cells(lines[i++]));
      const th = head.map((c) => `<th>${renderInline(c)}</th>`).join('');
      const tb = rows.map((r) => `<tr>${head.map((_, k) => `<td>${renderInline(r[k] ?? '')}</td>`).join('')}</tr>`).join('');
      out.push(`<table><thead><tr>${th}</tr></thead><tbody>${tb}</tbody></table>`);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i].trim() && (para.length === 0 || !startsBlock(lines[i]))) para.push(lines[i++].replace(/^\s+/, ''));
    out.push(`<p>${renderInline(para.join('\n'))}</p>`);
  }
  return out.join('\n');
}

/** One list from line `start`: its items, each with the lines indented under it (nested lists, more text). */
function renderList(lines: string[], start: number, shift: number, out: string[]): number {
  const first = ITEM.exec(lines[start]) as RegExpExecArray;
  const indent = first[1].length;
  const ordered = /\d/.test(first[2]);
  const startNumber = ordered ? parseInt(first[2], 10) : 1;
  const items: string[] = [];
  let i = start;
  while (i < lines.length) {
    const m = ITEM.exec(lines[i]);
    if (!m || m[1].length !== indent || /\d/.test(m[2]) !== ordered) break;
    const body: string[] = [m[3]];
    i++;
    while (i < lines.length) {
      const next = lines[i];
      if (!next.trim()) {
        // A blank line ends the list unless the item goes on, indented, after it.
        if (i + 1 < lines.length && lines[i + 1].trim() && leading(lines[i + 1]) > indent) {
          body.push('');
          i++;
          continue;
        }
        break;
      }
      const sub = ITEM.exec(next);
      if (sub && sub[1].length <= indent) break;
      if (!sub && leading(next) <= indent && startsBlock(next)) break;
      body.push(next);
      i++;
    }
    // Plain lines under an item continue its text; what follows them (a nested list, a quote) is rendered as blocks.
    const inner = dedent(body.slice(1));
    const text = [body[0]];
    let k = 0;
    while (k < inner.length && inner[k].trim() && !startsBlock(inner[k])) text.push(inner[k++].trim());
    const blocks = inner.slice(k);
    items.push(`<li>${renderInline(text.join('\n'))}${blocks.some((l) => l.trim()) ? renderBlocks(blocks, shift) : ''}</li>`);
    if (i < lines.length && !lines[i].trim()) {
      // A blank line between items of the same list keeps the list going.
      const after = i + 1 < lines.length ? ITEM.exec(lines[i + 1]) : null;
      if (after && after[1].length === indent && /\d/.test(after[2]) === ordered) i++;
    }
  }
  const tag = ordered ? 'ol' : 'ul';
  out.push(`<${tag}${ordered && startNumber !== 1 ? ` start="${startNumber}"` : ''}>${items.join('')}</${tag}>`);
  return i;
}

function leading(line: string): number {
  return line.length - line.trimStart().length;
}

function dedent(lines: string[]): string[] {
  const widths = lines.filter((l) => l.trim()).map(leading);
  const cut = widths.length ? Math.min(...widths) : 0;
  return lines.map((l) => l.slice(Math.min(cut, leading(l))));
}
