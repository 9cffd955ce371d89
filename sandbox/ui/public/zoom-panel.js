// The sandbox UI's Zoom panel: the Zoom stand-in's account as Zoom's admin portal would show it
// (users, roles, apps authorized, meetings), with the changes Zoom would announce by webhook.
import htm from 'htm';
import { h } from 'preact';

const html = htm.bind(h);

export function ZoomPanel({ state, onRole, onStatus, onDelete, onDeauthorize, busy }) {
  if (!state) return html`<section class="panel zoom-panel"><h2>Zoom</h2><p>Loading…</p></section>`;
  const apps = Object.fromEntries(state.apps.map((app) => [app.client_id, app]));
  const grants = state.grants.filter((g) => g.active);
  return html`<section class="panel zoom-panel" data-testid="zoom-panel">
    <h2>Zoom account “${state.account.name}”</h2>
    <table class="zoom-users">
      <thead><tr><th>User</th><th>Role</th><th>Status</th><th></th></tr></thead>
      <tbody>
        ${state.users.map(
          (user) => html`<tr key=${user.email} data-testid=${`zoom-user-${user.email}`}>
            <td><div>${user.first_name} ${user.last_name}</div><small>${user.email}</small></td>
            <td>
              <select
                aria-label=${`Zoom role of ${user.email}`}
                disabled=${busy}
                onChange=${(event) => onRole(user.email, event.currentTarget.value)}
              >
                ${['Owner', 'Admin', 'Member'].map(
                  (role) => html`<option value=${role} selected=${user.role_name === role}>${role}</option>`,
                )}
              </select>
            </td>
            <td>
              <select
                aria-label=${`Zoom status of ${user.email}`}
                disabled=${busy}
                onChange=${(event) => onStatus(user.email, event.currentTarget.value)}
              >
                ${['active', 'inactive'].map(
                  (status) =>
                    html`<option value=${status} selected=${user.status === status}>${status}</option>`,
                )}
              </select>
            </td>
            <td>
              <button type="button" class="small danger" disabled=${busy} onClick=${() => onDelete(user.email)}>
                Delete
              </button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
    <h3>Apps authorized</h3>
    ${grants.length === 0 ? html`<p class="muted">No Zoom user has authorized an app yet.</p>` : null}
    <ul class="grants">
      ${grants.map(
        (grant) => html`<li key=${grant.id} data-testid="zoom-grant">
          <span>${apps[grant.clientId]?.name ?? grant.clientId}</span>
          <small>by ${grant.email}</small>
          <button
            type="button"
            class="small danger"
            disabled=${busy}
            onClick=${() => onDeauthorize(grant.clientId, grant.email)}
          >
            Remove app
          </button>
        </li>`,
      )}
    </ul>
    ${
      state.meetings.length > 0
        ? html`<h3>Meetings created</h3>
          <ul class="meetings">
            ${state.meetings
              .slice(-6)
              .reverse()
              .map(
                (meeting) => html`<li key=${meeting.id}>
                  <b>${meeting.topic}</b> <small>host ${meeting.host_email}, via ${
                    apps[meeting.created_by_client_id]?.kind === 'admin' ? 'organization app' : 'personal app'
                  }${meeting.settings?.auto_start_meeting_summary ? ', summary auto-start' : ''}</small>
                </li>`,
              )}
          </ul>`
        : null
    }
  </section>`;
}
