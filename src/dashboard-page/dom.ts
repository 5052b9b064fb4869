/**
 * A small element builder over the DOM APIs. Text always goes in as text nodes, never as HTML, so data
 * from the API cannot become markup. There is no `style` attribute: the page's CSP forbids inline styles.
 */

export type Attrs = Record<string, string | number | boolean | undefined>;
export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | readonly Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'style') throw new Error('inline styles are refused by the CSP: use a class');
    element.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: (Child | readonly Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of `parent`. */
export function replace(parent: Element, ...children: (Child | readonly Child[])[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

/** Text only screen readers read, such as the word after a count. */
export function hidden(text: string): HTMLSpanElement {
  return h('span', { class: 'visually-hidden' }, text);
}

/**
 * A labelled form control: `<div class="field"><label for=id>…</label>control hint</div>`. The detail's
 * update form builds its own fields (a data-field attribute, and the hint before the control).
 */
export function field(id: string, label: string, control: HTMLElement, hint?: HTMLElement): HTMLDivElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint);
}

/** "1 action", "3 actions". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Shortens text at a word boundary, with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** The text with its first letter in capitals ("round 1 to now" → "Round 1 to now"). */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

let uid = 0;
/** A unique id for aria-describedby and friends. */
export function uniqueId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}
