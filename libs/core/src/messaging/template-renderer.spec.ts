import { renderTemplate, validateTemplate } from './template-renderer';

describe('renderTemplate', () => {
  const context = { contact: { name: 'Tom & <Jerry>' }, deal: { title: 'Order #1', items: ['a', 'b'] } };

  it('renders plain text verbatim', () => {
    expect(renderTemplate('Hi {{contact.name}}, {{deal.title}}', context)).toBe('Hi Tom & <Jerry>, Order #1');
  });

  it('escapes values for HTML', () => {
    expect(renderTemplate('<p>{{contact.name}}</p>', context, { html: true })).toBe('<p>Tom &amp; &lt;Jerry&gt;</p>');
  });

  it('renders a missing value as empty rather than failing', () => {
    expect(renderTemplate('[{{deal.missing.deeper}}]', context)).toBe('[]');
  });

  it('supports the built-in block helpers', () => {
    expect(renderTemplate('{{#each deal.items}}{{this}};{{/each}}{{#if deal}}yes{{/if}}', context)).toBe('a;b;yes');
  });

  it('does not expose prototype properties', () => {
    expect(renderTemplate('{{constructor.name}}', {})).toBe('');
  });

  it('keeps text and HTML compilations of one template apart', () => {
    expect(renderTemplate('{{v}}', { v: '<b>' }, { html: true })).toBe('&lt;b&gt;');
    expect(renderTemplate('{{v}}', { v: '<b>' })).toBe('<b>');
  });
});

describe('validateTemplate', () => {
  it('accepts a good template', () => {
    expect(validateTemplate('Hello {{contact.name}} {{#if deal}}{{deal.title}}{{/if}}')).toBeNull();
    expect(validateTemplate('{{#each deal.items as |item i|}}{{i}}: {{item}}\n{{else}}none{{/each}}')).toBeNull();
  });

  it.each([
    ['Hello {{contact.name', /parse error on line 1/],
    ['{{#if deal}}x{{/iff}}', /if doesn't match iff/],
    ['{{shout contact.name}}', /unknown helper shout/],
    ['{{> footer}}', /partials .* not supported/],
    ['{{#if}}x{{/if}}', /#if requires exactly one argument/],
    ['{{#if deal}}{{#each a b}}{{this}}{{/each}}{{/if}}', /#each requires exactly one argument \(line 1\)/],
  ])('names the problem in %s', (template, message) => {
    const error = validateTemplate(template);
    expect(error).toMatch(message);
    expect(error).not.toContain('\n');
  });
});
