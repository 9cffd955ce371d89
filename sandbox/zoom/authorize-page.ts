/** The stand-in's consent pages: pick which Zoom user logs in, then "Allow". */
import type { SandboxApp, SandboxUser } from './world.js';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}
.box{border:1px solid #ccd;border-radius:8px;padding:1.5rem}button{background:#0b5cff;color:#fff;border:0;border-radius:6px;padding:.6rem 1.4rem;font-size:1rem}
.error{color:#b00020}</style></head><body><div class="box">${body}</div></body></html>`;
}

export function authorizePage(app: SandboxApp, users: SandboxUser[], params: URLSearchParams): string {
  const hidden = [...params.entries()]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const options = users
    .map(
      (user) =>
        `<option value="${escapeHtml(user.email)}">${escapeHtml(user.email)} (${escapeHtml(user.role_name)})</option>`,
    )
    .join('\n');
  const note = app.kind === 'admin' ? '<p>This app is managed by your account admin.</p>' : '';
  return page(
    `Authorize ${app.name}`,
    `<h1>${escapeHtml(app.name)}</h1>
<p>is requesting access to your Zoom account (Zoom sandbox).</p>${note}
<p>Scopes: ${escapeHtml(app.scopes.join(', '))}</p>
<form method="post" action="/oauth/authorize">
${hidden}
<label>Sign in as <select name="email" id="email">${options}</select></label>
<p><button type="submit" name="decision" value="allow">Allow</button></p>
</form>`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p class="error" id="message">${escapeHtml(message)}</p>`);
}
