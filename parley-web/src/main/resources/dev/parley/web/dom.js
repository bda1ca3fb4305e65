// Small helpers for building elements. Text always goes in as a text node; there is no way
// here to insert HTML.

/** `el('li', {className: 'x', dataset: {id: '1'}}, 'text', child)`: properties, then children. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key === 'role' || key.startsWith('aria')) {
      node.setAttribute(key === 'role' ? key : key.replace(/^aria/, 'aria-').toLowerCase(), value);
    } else {
      node[key] = value;
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  }
  return node;
}

/** One of eight colours, always the same for a name (case aside). */
export function colorOf(name) {
  let hash = 0;
  for (const c of name.toLowerCase()) {
    hash = (hash * 31 + c.codePointAt(0)) >>> 0;
  }
  return `c${hash % 8}`;
}

/** A round badge with the name's first character, in the name's colour. */
export function avatar(name, extraClass = '') {
  const initial = [...name][0]?.toUpperCase() ?? '?';
  return el('span', { className: `avatar ${colorOf(name)} ${extraClass}`.trim(), ariaHidden: 'true' }, initial);
}
