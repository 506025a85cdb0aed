// A small element builder. Text always goes in as text (never as HTML), so poll titles cannot inject markup, and
// nothing here writes a style attribute: sizes and colours are set through the CSSOM, which a strict
// Content-Security-Policy (style-src 'self') allows.

export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (name === 'text') {
      element.textContent = value;
    } else if (name === 'css') {
      for (const [property, cssValue] of Object.entries(value)) {
        element.style.setProperty(property, cssValue);
      }
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'value' || name === 'checked' || name === 'selected') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(parent, child);
    } else {
      parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

/** An SVG element (the few icons the page draws). */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  children.forEach((child) => element.append(child));
  return element;
}

/** Replaces the children of {@code parent}. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

/** Case- and accent-insensitive text for searching ("Végétalisation" matches "vegetal"). */
export function fold(text) {
  return String(text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
