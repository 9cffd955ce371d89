/**
 * The app's own browser pages (approval link, connect link, OAuth result) as one pure function.
 * Everything is escaped; there is no script. Texts come from the i18n catalog via the caller.
 */
export type PageTone = 'info' | 'success' | 'warning' | 'error';

export interface PageModel {
  lang: 'en' | 'fr';
  title: string;
  heading: string;
  paragraphs: string[];
  /** Facts shown as a small table (e.g. "Requested by" → "Ada"). */
  facts?: Array<{ label: string; value: string }>;
  /** A link styled as a button (GET only: link unfurlers and prefetchers change nothing). */
  button?: { label: string; href: string };
  /**
   * The link page's one action: a POST form to the same URL carrying the CSRF token the page made
   * (DESIGN §2.2). Only this form — in the browser that loaded the page — goes on to Zoom.
   */
  form?: { label: string; action: string; csrf: string };
  tone: PageTone;
}

const TONE_COLOUR: Record<PageTone, string> = {
  info: '#0b5cff',
  success: '#1a7f37',
  warning: '#9a6700',
  error: '#cf222e',
};

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export function renderPage(model: PageModel): string {
  const colour = TONE_COLOUR[model.tone];
  const facts = model.facts?.length
    ? `<dl>${model.facts.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`).join('')}</dl>`
    : '';
  const button = model.button
    ? `<p><a class="button" href="${escapeHtml(model.button.href)}" rel="noopener noreferrer">${escapeHtml(model.button.label)}</a></p>`
    : '';
  const form = model.form
    ? `<form method="post" action="${escapeHtml(model.form.action)}"><input type="hidden" name="csrf" value="${escapeHtml(model.form.csrf)}"><button class="button" type="submit">${escapeHtml(model.form.label)}</button></form>`
    : '';
  return `<!doctype html>
<html lang="${model.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(model.title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f6f8fa;color:#1f2328;margin:0}
main{max-width:34rem;margin:4rem auto;background:#fff;border:1px solid #d0d7de;border-radius:12px;padding:2rem;border-top:6px solid ${colour}}
h1{font-size:1.4rem;margin:0 0 1rem}
p{line-height:1.5}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem;margin:1.2rem 0}
dt{color:#59636e}dd{margin:0;font-weight:600}
.button{display:inline-block;background:${colour};color:#fff;text-decoration:none;padding:.7rem 1.2rem;border-radius:8px;font-weight:600;border:0;font-size:1rem;cursor:pointer;font-family:inherit}
</style>
</head>
<body>
<main data-tone="${model.tone}">
<h1>${escapeHtml(model.heading)}</h1>
${model.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${facts}
${button}
${form}
</main>
</body>
</html>
`;
}
