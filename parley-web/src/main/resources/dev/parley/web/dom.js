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

const SVG = 'http://www.w3.org/2000/svg';
/** A head and shoulders, for member counts. */
export const PERSON = 'M12 12a4 4 0 100-8 4 4 0 000 8zM4.5 21c.6-4 3.6-6 7.5-6s6.9 2 7.5 6';

/** A stroked 24x24 icon from one SVG path. */
export function icon(d, className = 'icon') {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', className);
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}
