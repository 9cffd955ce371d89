// The sandbox UI's Zoom panel: every Zoom account of the stand-in as Zoom's admin portal would
// show it (users and roles, apps authorized, meetings), with the changes Zoom announces by
// webhook. Destructive actions ask first, as Zoom's portal does. The panel also tells the Zoom
// stand-in who is being played, so Zoom's consent page starts on that person (a sandbox-only hint).
import htm from 'htm';
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

const html = htm.bind(h);
const enc = encodeURIComponent;
const MEETINGS_SHOWN = 8;

function nameOf(user) {
  return `${user.first_name} ${user.last_name}`.trim() || user.email;
}

function isAdminRole(account, roleName) {
  return (account.roles ?? []).some((role) => role.name === roleName && role.privileges.length > 0);
}

/** Tells the stand-in who sits at the browser; only when it changes, and never the same twice. */
function useLoginHint(state, playing) {
  const sent = useRef(undefined);
  const known = state && playing && state.users.some((user) => user.email === playing) ? playing : null;
  useEffect(() => {
    if (!state || sent.current === known) return;
    sent.current = known;
    fetch('/zoom-api/login-hint', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: known }),
    }).catch(() => {
      sent.current = undefined;
    });
  }, [state, known]);
}

function Confirm({ text, confirmLabel, busy, onConfirm, onCancel, children }) {
  return html`<div class="zoom-confirm" role="alertdialog" aria-label=${text} data-testid="zoom-confirm">
    <div>${text}</div>
    ${children}
    <div style="display:flex;gap:0.4rem;margin-top:0.3rem">
      <button type="button" class="small danger" disabled=${busy} onClick=${onConfirm}>${confirmLabel}</button>
      <button type="button" class="small" onClick=${onCancel}>Cancel</button>
    </div>
  </div>`;
}

function UserRow({ account, user, busy, act, confirming, setConfirming }) {
  const asking = confirming?.kind === 'user' && confirming.key === user.email;
  const row = html`<tr key=${user.email} data-testid=${`zoom-user-${user.email}`}>
    <td><div>${nameOf(user)}</div><small>${user.email}</small></td>
    <td>
      <select
        aria-label=${`Zoom role of ${user.email}`}
        disabled=${busy}
        onChange=${(event) => act('PATCH', `users/${enc(user.email)}`, { role_name: event.currentTarget.value })}
      >
        ${account.roles.map(
          (role) =>
            html`<option value=${role.name} selected=${user.role_name === role.name}>${role.name}</option>`,
        )}
      </select>
    </td>
    <td>
      <select
        aria-label=${`Zoom status of ${user.email}`}
        disabled=${busy}
        onChange=${(event) => act('PATCH', `users/${enc(user.email)}`, { status: event.currentTarget.value })}
      >
        ${['active', 'inactive'].map(
          (status) => html`<option value=${status} selected=${user.status === status}>${status}</option>`,
        )}
      </select>
    </td>
    <td>
      <button
        type="button"
        class="small danger"
        disabled=${busy || asking}
        onClick=${() => setConfirming({ kind: 'user', key: user.email })}
      >
        Delete
      </button>
    </td>
  </tr>`;
  if (!asking) return row;
  return [
    row,
    html`<tr key=${`${user.email}-confirm`}>
      <td colspan="4">
        <${Confirm}
          text=${`Delete the Zoom user ${user.email}? Their meetings go with them; Zoom sends user.deleted.`}
          confirmLabel="Delete user"
          busy=${busy}
          onCancel=${() => setConfirming(null)}
          onConfirm=${async () => {
            setConfirming(null);
            await act('DELETE', `users/${enc(user.email)}`);
          }}
        />
      </td>
    </tr>`,
  ];
}

function GrantItem({ account, grant, app, users, busy, act, confirming, setConfirming }) {
  const asking = confirming?.kind === 'grant' && confirming.key === grant.id;
  // An admin-managed app is installed for the whole account: any of its admins may remove it.
  const removers =
    app?.kind === 'admin'
      ? [
          grant.email,
          ...users
            .filter((u) => u.email !== grant.email && isAdminRole(account, u.role_name))
            .map((u) => u.email),
        ]
      : [grant.email];
  const [remover, setRemover] = useState(grant.email);
  const [retain, setRetain] = useState(false);
  return html`<li key=${grant.id} data-testid="zoom-grant" style="flex-wrap:wrap">
    <span>${app?.name ?? grant.clientId}</span>
    <small>by ${grant.email}</small>
    <button
      type="button"
      class="small danger"
      disabled=${busy || asking}
      onClick=${() => setConfirming({ kind: 'grant', key: grant.id })}
    >
      Remove app
    </button>
    ${
      asking
        ? html`<${Confirm}
            text=${`Remove ${app?.name ?? grant.clientId} in Zoom? Zoom sends app_deauthorized.`}
            confirmLabel="Remove app"
            busy=${busy}
            onCancel=${() => setConfirming(null)}
            onConfirm=${async () => {
              setConfirming(null);
              await act('POST', 'deauthorize', {
                client_id: grant.clientId,
                email: remover,
                user_data_retention: retain,
              });
            }}
          >
            ${
              removers.length > 1
                ? html`<label
                    >Remove as
                    <select aria-label="Remove as" value=${remover} onChange=${(e) => setRemover(e.currentTarget.value)}>
                      ${removers.map((email) => html`<option value=${email}>${email}</option>`)}
                    </select></label
                  >`
                : null
            }
            <label style="display:block"
              ><input
                type="checkbox"
                aria-label="Let the app keep my data"
                checked=${retain}
                onChange=${(e) => setRetain(e.currentTarget.checked)}
              />
              Let the app keep my data (user_data_retention: ${retain ? 'true' : 'false'})</label
            >
          <//>`
        : null
    }
  </li>`;
}

function MeetingItem({ meeting, apps, busy, act, confirming, setConfirming }) {
  const asking = confirming?.kind === 'meeting' && confirming.key === meeting.id;
  const via = apps[meeting.created_by_client_id]?.kind === 'admin' ? 'organization app' : 'personal app';
  return html`<li
    key=${meeting.id}
    data-testid=${`zoom-meeting-${meeting.id}`}
    style="display:flex;gap:0.4rem;align-items:center;flex-wrap:wrap"
  >
    <b>${meeting.topic}</b>
    <small
      >host ${meeting.host_email}, via ${via}${meeting.settings?.auto_start_meeting_summary ? ', summary auto-start' : ''}</small
    >
    <button
      type="button"
      class="small danger"
      disabled=${busy || asking}
      onClick=${() => setConfirming({ kind: 'meeting', key: meeting.id })}
    >
      Delete
    </button>
    ${
      asking
        ? html`<${Confirm}
            text=${`Delete the meeting “${meeting.topic}” in Zoom? Its join link stops working; Zoom sends meeting.deleted.`}
            confirmLabel="Delete meeting"
            busy=${busy}
            onCancel=${() => setConfirming(null)}
            onConfirm=${async () => {
              setConfirming(null);
              await act('DELETE', `meetings/${meeting.id}`);
            }}
          />`
        : null
    }
  </li>`;
}

function AccountSection({ account, first, state, apps, busy, act, confirming, setConfirming }) {
  const users = state.users.filter((user) => user.account_id === account.id);
  const accountOf = (email) => state.users.find((user) => user.email === email)?.account_id;
  const grants = state.grants.filter((g) => g.active && (g.accountId ?? accountOf(g.email)) === account.id);
  const meetings = state.meetings
    .filter((m) => (m.account_id ?? accountOf(m.host_email)) === account.id)
    .slice(-MEETINGS_SHOWN)
    .reverse();
  const shared = { busy, act, confirming, setConfirming };
  return html`<div
    class="zoom-account"
    data-testid=${`zoom-account-${account.id}`}
    style=${first ? '' : 'border-top:1px solid #ddd;margin-top:0.6rem;padding-top:0.2rem'}
  >
    <h3>Zoom account “${account.name}” <small class="muted">${account.id}</small></h3>
    ${
      users.length === 0
        ? html`<p class="muted">No users.</p>`
        : html`<table class="zoom-users">
            <thead><tr><th>User</th><th>Role</th><th>Status</th><th></th></tr></thead>
            <tbody>
              ${users.map((user) => html`<${UserRow} key=${user.email} account=${account} user=${user} ...${shared} />`)}
            </tbody>
          </table>`
    }
    <h3>Apps authorized</h3>
    ${grants.length === 0 ? html`<p class="muted">No Zoom user of ${account.name} has authorized an app yet.</p>` : null}
    <ul class="grants">
      ${grants.map(
        (grant) =>
          html`<${GrantItem}
            key=${grant.id}
            account=${account}
            grant=${grant}
            app=${apps[grant.clientId]}
            users=${users}
            ...${shared}
          />`,
      )}
    </ul>
    ${
      meetings.length > 0
        ? html`<h3>Meetings created</h3>
          <ul class="meetings">
            ${meetings.map((meeting) => html`<${MeetingItem} key=${meeting.id} meeting=${meeting} apps=${apps} ...${shared} />`)}
          </ul>`
        : null
    }
  </div>`;
}

/**
 * `state`: the Zoom stand-in's `/_sandbox/state`; `act(method, path, body)`: a call to its control
 * API (the page's own helper, which refreshes the state after); `playing`: the email of the person
 * being played, if any.
 */
export function ZoomPanel({ state, busy, act, playing }) {
  const [confirming, setConfirming] = useState(null);
  useLoginHint(state, playing);
  if (!state) return html`<section class="panel zoom-panel"><h2>Zoom</h2><p>Loading…</p></section>`;
  const apps = Object.fromEntries(state.apps.map((app) => [app.client_id, app]));
  const accounts = state.accounts ?? [{ ...state.account, roles: [] }];
  return html`<section class="panel zoom-panel" data-testid="zoom-panel">
    <h2>Zoom <small class="muted">${accounts.length} account${accounts.length === 1 ? '' : 's'}</small></h2>
    ${accounts.map(
      (account, index) =>
        html`<${AccountSection}
          key=${account.id}
          account=${account}
          first=${index === 0}
          state=${state}
          apps=${apps}
          busy=${busy}
          act=${act}
          confirming=${confirming}
          setConfirming=${setConfirming}
        />`,
    )}
  </section>`;
}
