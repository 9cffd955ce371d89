/** The stand-in's consent pages: pick which Zoom user logs in, then "Allow". */
import type { SandboxAccount, SandboxApp, SandboxUser } from './world.js';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}
.box{border:1px solid #ccd;border-radius:8px;padding:1.5rem}button{background:#0b5cff;color:#fff;border:0;border-radius:6px;padding:.6rem 1.4rem;font-size:1rem}
.error{color:#b00020}a.back{display:inline-block;margin-top:1rem}</style></head><body><div class="box">${body}</div></body></html>`;
}

export function authorizePage(input: {
  app: SandboxApp;
  accounts: SandboxAccount[];
  users: SandboxUser[];
  /** The authorize query without the sandbox's own hint (it is posted back as is). */
  params: URLSearchParams;
  /** The email to start on; the first user when undefined or unknown. */
  selected: string | undefined;
}): string {
  const { app, params } = input;
  const hidden = [...params.entries()]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const option = (user: SandboxUser) =>
    `<option value="${escapeHtml(user.email)}"${user.email === input.selected ? ' selected' : ''}>${escapeHtml(
      `${user.first_name} ${user.last_name}`.trim() || user.email,
    )} — ${escapeHtml(user.email)} (${escapeHtml(user.role_name)})</option>`;
  const groups = input.accounts
    .map((account) => {
      const members = input.users.filter((user) => user.account_id === account.id);
      return members.length === 0
        ? ''
        : `<optgroup label="${escapeHtml(`${account.name} (${account.id})`)}">${members.map(option).join('\n')}</optgroup>`;
    })
    .join('\n');
  const note = app.kind === 'admin' ? '<p>This app is managed by your account admin.</p>' : '';
  return page(
    `Authorize ${app.name}`,
    `<h1>${escapeHtml(app.name)}</h1>
<p>is requesting access to your Zoom account (Zoom sandbox).</p>${note}
<p>Scopes: ${escapeHtml(app.scopes.join(', '))}</p>
<form method="post" action="/oauth/authorize">
${hidden}
<label>Sign in as <select name="email" id="email">${groups}</select></label>
<p><button type="submit" name="decision" value="allow">Allow</button></p>
</form>`,
  );
}

/** An error or refusal page; `backHref` adds a way back (e.g. to the consent page, to sign in as someone else). */
export function messagePage(title: string, message: string, backHref?: string): string {
  const back =
    backHref === undefined
      ? ''
      : `<a class="back" id="back" href="${escapeHtml(backHref)}">Back — sign in as another user</a>`;
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1><p class="error" id="message">${escapeHtml(message)}</p>${back}`,
  );
}
