import Handlebars from 'handlebars';

export interface RenderOptions {
  /** Escape values for an HTML body; plain text (subject, SMS, text body) is rendered verbatim. */
  html?: boolean;
}

type Compiled = (context: object) => string;

// An isolated environment: helpers or partials registered on the global Handlebars elsewhere must not leak into user templates.
const handlebars = Handlebars.create();
const CACHE_LIMIT = 500;
const cache = new Map<string, Compiled>();

function compileOptions(html: boolean): Parameters<typeof Handlebars.compile>[1] {
  // knownHelpersOnly turns a misspelt helper into a compile error, so validateTemplate catches it on save.
  return { strict: false, noEscape: !html, knownHelpersOnly: true };
}

function compiled(template: string, html: boolean): Compiled {
  const key = `${html ? 'html' : 'text'}\u0000${template}`;
  let fn = cache.get(key);
  if (!fn) {
    fn = handlebars.compile(template, compileOptions(html));
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, fn);
  }
  return fn;
}

export function renderTemplate(template: string, context: object, opts: RenderOptions = {}): string {
  return compiled(template, opts.html ?? false)(context);
}

/** Node types that compile but fail at every render, because nothing registers partials or decorators. */
const UNSUPPORTED: Record<string, string> = {
  PartialStatement: 'partials ({{> name}}) are not supported',
  PartialBlockStatement: 'partials ({{#> name}}) are not supported',
  Decorator: 'decorators ({{* name}}) are not supported',
  DecoratorBlock: 'decorators ({{#* name}}) are not supported',
};

/** The built-in block helpers check their arity only when they run, i.e. maybe never on save; check it here. */
const ONE_ARGUMENT = new Set(['if', 'unless', 'with', 'each']);

interface AstNode {
  type?: unknown;
  path?: { original?: unknown };
  params?: unknown[];
  loc?: { start?: { line?: number } };
}

function problemOf(node: AstNode): string | null {
  if (typeof node.type !== 'string') return null;
  if (UNSUPPORTED[node.type]) return UNSUPPORTED[node.type];
  const helper = node.path?.original;
  if (node.type === 'BlockStatement' && typeof helper === 'string' && ONE_ARGUMENT.has(helper) && node.params?.length !== 1) return `#${helper} requires exactly one argument`;
  return null;
}

function findProblem(node: unknown): string | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findProblem(child);
      if (found) return found;
    }
    return null;
  }
  if (!node || typeof node !== 'object') return null;
  const problem = problemOf(node as AstNode);
  if (problem) return `${problem} (line ${(node as AstNode).loc?.start?.line ?? 1})`;
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'loc') {
      const found = findProblem(value);
      if (found) return found;
    }
  }
  return null;
}

/** Handlebars parse errors span three lines (message, excerpt, caret); one line reads better in an API error. */
function humanize(message: string): string {
  const parse = /^Parse error on line (\d+):\n(.*)\n-*\^\n(.*)$/s.exec(message);
  if (parse) return `parse error on line ${parse[1]} near "${parse[2].trim()}": ${parse[3].trim()}`;
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

/** A human message when the template would not render, null when it is fine. */
export function validateTemplate(template: string): string | null {
  if (typeof template !== 'string') return 'template must be a string';
  try {
    handlebars.precompile(template, compileOptions(false));
    const problem = findProblem(handlebars.parse(template));
    return problem ? `Invalid template: ${problem}` : null;
  } catch (err) {
    return `Invalid template: ${humanize(String((err as Error)?.message ?? err))}`;
  }
}
