// Preact nodes → static HTML for the UI's unit tests (preact-render-to-string, from preact's
// authors). Plain JS with its own .d.ts: preact's types pull in the DOM library, which clashes
// with Node's fetch types in the project's TypeScript.
import { Fragment, h } from 'preact';
import { renderToStaticMarkup } from 'preact-render-to-string';

export function toHtml(nodes) {
  return renderToStaticMarkup(h(Fragment, null, nodes));
}
