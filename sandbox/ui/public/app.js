// The sandbox UI: pick a person of the seeded workspaces, see their Slack (channel, DM, Home,
// modals), act as them through the Slack stand-in's control API, change the Zoom account through
// the Zoom stand-in's, and follow everything in the activity pane.
import htm from 'htm';
import { h, render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { activityLabel, humanize } from './activity-labels.js';
import { Blocks, initialForm } from './blockkit.js';
import { mrkdwn, plain } from './mrkdwn.js';
import { newestTs, unreadCount } from './unread.js';
import { ZoomPanel } from './zoom-panel.js';

const html = htm.bind(h);
const COMMANDS = ['/zoom-connect', '/zoom-status', '/zoom-meet', '/zoom-settings', '/zoom-disconnect'];
const POLL_MS = 700;

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    // JSON on every write: the sandbox server refuses other writes (a web page could send those).
    headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let json = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  return { status: response.status, json };
}
const getJson = async (url) => (await call('GET', url)).json;

function roleOf(user) {
  if (user.is_primary_owner) return 'primary owner';
  if (user.is_owner) return 'owner';
  if (user.is_admin) return 'admin';
  return 'member';
}

function timeOf(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function PersonPicker({ teams, person, onPick, zoomUsers }) {
  return html`<nav class="people" aria-label="People">
    ${teams.map(
      (team) => html`<div class="team" key=${team.id}>
        <div class="team-name">${team.name}</div>
        ${team.users
          .filter((u) => !u.is_bot)
          .map((u) => {
            const zoomUser = zoomUsers.find((z) => z.email === u.email);
            const active = person && person.team === team.id && person.user === u.id;
            return html`<button
              type="button"
              key=${u.id}
              class=${`person ${active ? 'active' : ''}`}
              data-testid=${`person-${u.id}`}
              aria-pressed=${active}
              onClick=${() => onPick({ team: team.id, user: u.id })}
            >
              <span class="person-name">${u.real_name}</span>
              <span class=${`badge ${roleOf(u) === 'member' ? '' : 'admin'}`}>${roleOf(u)}</span>
              <span class="badge">${u.locale}</span>
              ${
                zoomUser
                  ? html`<span class="badge zoom" title="Zoom user with the same email">Zoom: ${zoomUser.role_name}</span>`
                  : html`<span class="badge muted" title="No Zoom user has this email">no Zoom user</span>`
              }
            </button>`;
          })}
      </div>`,
    )}
  </nav>`;
}

function Message({ message, ephemeral, ctx, onAction, busy }) {
  const seconds = Number(message.ts.split('.')[0]) * 1000;
  // Slack shows a message's time on the reader's clock (their Slack time zone).
  const sentAt = new Date(seconds).toLocaleTimeString(ctx.reader?.locale ?? [], {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: ctx.reader?.timeZone,
  });
  const hasBlocks = Array.isArray(message.blocks) && message.blocks.length > 0;
  return html`<article class=${`message ${ephemeral ? 'ephemeral' : ''}`} data-testid="message" data-ts=${message.ts}>
    <div class="message-head">
      <span class="avatar">Z</span>
      <b>${ctx.botName}</b><span class="badge">APP</span>
      <span class="time">${sentAt}</span>
      ${message.edited ? html`<span class="edited" title="Updated by the app">(edited)</span>` : null}
      ${ephemeral ? html`<span class="only-you">Only visible to you</span>` : null}
    </div>
    <div class="message-body">
      ${
        hasBlocks
          ? html`<${Blocks}
            blocks=${message.blocks}
            ctx=${ctx}
            busy=${busy}
            onAction=${(element, block, value) =>
              onAction({ surface: 'message', target: message.ts, element, block, value })}
          />`
          : html`<div class="bk-text">${mrkdwn(message.text, ctx)}</div>`
      }
    </div>
  </article>`;
}

function Modal({ modal, depth, ctx, onAction, onSubmit, onClose, busy }) {
  const view = modal.view;
  const [form, setForm] = useState(() => initialForm(view.blocks, view.state));
  // A new view (views.update gives a new hash) starts from its own initial values.
  const identity = `${modal.id}:${view.hash}`;
  const seen = useRef(identity);
  useEffect(() => {
    if (seen.current !== identity) {
      seen.current = identity;
      setForm(initialForm(view.blocks, view.state));
    }
  }, [identity, view.blocks, view.state]);
  // The stand-in says what Slack's client shows under each field (its own refusals and the app's).
  const errors = modal.errors ?? {};
  return html`<div class="modal-backdrop">
    <div class="modal" role="dialog" aria-label=${modal.title} data-testid="modal" data-callback-id=${modal.callbackId}>
      <header class="modal-head">
        <h2>${modal.title}</h2>
        ${depth > 1 ? html`<span class="badge">${depth} views</span>` : null}
        <button type="button" class="icon" aria-label="Close" data-testid="modal-close" onClick=${onClose}>✕</button>
      </header>
      <div class="modal-body">
        <${Blocks}
          blocks=${view.blocks}
          ctx=${ctx}
          busy=${busy}
          errors=${errors}
          form=${{
            values: form,
            set: (blockId, actionId, value) =>
              setForm((current) => ({
                ...current,
                [blockId]: { ...(current[blockId] ?? {}), [actionId]: value },
              })),
          }}
          onAction=${(element, block, value) => onAction({ surface: 'modal', target: modal.id, element, block, value })}
        />
      </div>
      <footer class="modal-foot">
        <button type="button" class="bk-button" onClick=${onClose}>${plain(view.close, ctx) || 'Cancel'}</button>
        ${
          view.submit
            ? html`<button
              type="button"
              class="bk-button primary"
              data-testid="modal-submit"
              disabled=${busy}
              onClick=${() => onSubmit(modal.id, form)}
            >
              ${plain(view.submit, ctx)}
            </button>`
            : null
        }
      </footer>
    </div>
  </div>`;
}

function ConfirmDialog({ confirm, onDecide, ctx }) {
  const title = plain(confirm.title, ctx) || 'Are you sure?';
  return html`<div class="modal-backdrop confirm">
    <div class="modal" role="alertdialog" aria-label=${title} data-testid="confirm">
      <header class="modal-head"><h2>${title}</h2></header>
      <div class="modal-body">${confirm.text?.type === 'mrkdwn' ? mrkdwn(confirm.text.text, ctx) : plain(confirm.text, ctx)}</div>
      <footer class="modal-foot">
        <button type="button" class="bk-button" onClick=${() => onDecide(false)}>${plain(confirm.deny, ctx) || 'Cancel'}</button>
        <button
          type="button"
          class=${`bk-button ${confirm.style === 'danger' ? 'danger' : 'primary'}`}
          onClick=${() => onDecide(true)}
        >
          ${plain(confirm.confirm, ctx) || 'Yes'}
        </button>
      </footer>
    </div>
  </div>`;
}

function Composer({ onCommand, onShortcut, shortcuts, busy, where }) {
  const [text, setText] = useState('');
  const globalShortcuts = shortcuts.filter((s) => s.type === 'global');
  const submit = async (event) => {
    event.preventDefault();
    if (!text.trim()) return;
    const sent = await onCommand(text.trim());
    if (sent) setText('');
  };
  return html`<form class="composer" onSubmit=${submit}>
    <div class="suggestions">
      ${COMMANDS.map(
        (command) =>
          html`<button type="button" class="chip" onClick=${() => setText(`${command} `)}>${command}</button>`,
      )}
      ${globalShortcuts.map(
        (shortcut) =>
          html`<button
            type="button"
            class="chip shortcut"
            title=${shortcut.description}
            data-testid=${`shortcut-${shortcut.callback_id}`}
            disabled=${busy}
            onClick=${() => onShortcut(shortcut.callback_id)}
          >
            ⚡ ${shortcut.name}
          </button>`,
      )}
    </div>
    <div class="composer-row">
      <input
        data-testid="composer"
        list="commands"
        placeholder=${`Message ${where} — type a slash command, e.g. /zoom-status`}
        value=${text}
        onInput=${(event) => setText(event.currentTarget.value)}
        autocomplete="off"
      />
      <datalist id="commands">${COMMANDS.map((c) => html`<option value=${c} />`)}</datalist>
      <button type="submit" class="bk-button primary" disabled=${busy}>${busy ? 'Sending…' : 'Send'}</button>
    </div>
  </form>`;
}

const SOURCE_LABEL = {
  slack: 'Slack',
  'app-slack': 'App → Slack API',
  'app-zoom': 'App → Zoom',
  'browser-zoom': 'Browser → Zoom',
  'zoom-webhook': 'Zoom → App',
  zoom: 'Zoom',
};

function ActivityPane({ items, names, channels, showCalls, setShowCalls }) {
  const list = useRef(null);
  const shown = items.filter((i) => showCalls || (i.source !== 'app-slack' && i.source !== 'app-zoom'));
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [shown.length]);
  return html`<section class="panel activity" data-testid="activity">
    <h2>
      Activity
      <label class="toggle"
        ><input type="checkbox" checked=${showCalls} onChange=${(e) => setShowCalls(e.currentTarget.checked)} /> API
        calls</label
      >
    </h2>
    <ol ref=${list}>
      ${shown.map((item) => {
        const who = item.user ? (names[item.user] ?? item.user) : '';
        const label = item.source === 'slack' ? activityLabel(item, names, channels) : undefined;
        return html`<li key=${item.seq} class=${`${item.source} ${item.ok ? '' : 'failed'}`}>
          <span class="time">${timeOf(item.at)}</span>
          <span class="source">${SOURCE_LABEL[item.source] ?? item.source}</span>
          <span class="kind">${label ?? `${who ? `${who} · ` : ''}${item.kind.replace(/_/g, ' ')}`}</span>
          <span class="summary">${humanize(item.summary, names, channels)}</span>
        </li>`;
      })}
    </ol>
  </section>`;
}

function App() {
  const [config, setConfig] = useState(null);
  const [workspace, setWorkspace] = useState(null);
  const [person, setPerson] = useState(() => {
    const [team, user] = location.hash.slice(1).split('/');
    return team && user ? { team, user } : null;
  });
  const [inbox, setInbox] = useState(null);
  const [zoomState, setZoomState] = useState(null);
  const [activity, setActivity] = useState([]);
  const [chosenPlace, setPlace] = useState('channel');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState(null);
  const [showCalls, setShowCalls] = useState(true);
  const [emojiTable, setEmojiTable] = useState(null);
  // The newest DM each person has seen with their DM open (Slack's unread marker), by team/user.
  const [lastRead, setLastRead] = useState({});
  const lastSeq = useRef(0);
  const personRef = useRef(person);
  personRef.current = person;

  const refreshInbox = useCallback(async () => {
    const who = personRef.current;
    if (!who) return;
    const answer = await getJson(
      `/slack-api/inbox?team=${encodeURIComponent(who.team)}&user=${encodeURIComponent(who.user)}`,
    );
    if (answer?.ok && personRef.current === who) setInbox(answer);
  }, []);
  const refreshWorld = useCallback(async () => {
    const [ws, zs] = await Promise.all([getJson('/slack-api/workspace'), getJson('/zoom-api/state')]);
    if (ws?.ok) setWorkspace(ws);
    if (zs?.users) setZoomState(zs);
  }, []);

  useEffect(() => {
    getJson('/ui-api/config').then(setConfig);
    getJson('/vendor/emoji-shortcodes.json').then(setEmojiTable);
    refreshWorld();
  }, [refreshWorld]);

  useEffect(() => {
    setInbox(null);
    setPlace('channel');
    if (person) location.hash = `${person.team}/${person.user}`;
    refreshInbox();
  }, [person, refreshInbox]);

  // The app answers Slack first and calls the Web API after; the activity feed says when to look again.
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      try {
        const answer = await getJson(`/ui-api/activity?since=${lastSeq.current}`);
        if (answer?.items?.length) {
          lastSeq.current = answer.last;
          setActivity((current) => [...current, ...answer.items].slice(-1500));
          await Promise.all([refreshInbox(), refreshWorld()]);
        }
      } catch {
        // The sandbox may be restarting; the next tick tries again.
      }
      if (!stopped) setTimeout(tick, POLL_MS);
    };
    tick();
    return () => {
      stopped = true;
    };
  }, [refreshInbox, refreshWorld]);

  const teams = (workspace?.teams ?? []).filter((t) => !config || config.teams.includes(t.id));
  const team = teams.find((t) => t.id === person?.team);
  const me = team?.users.find((u) => u.id === person?.user);
  const names = useMemo(() => {
    const map = {};
    for (const t of teams) for (const u of t.users) map[u.id] = u.real_name;
    return map;
  }, [teams]);
  const channelNames = useMemo(() => {
    const map = {};
    for (const t of teams) {
      for (const c of t.channels)
        map[c.id] = c.is_im
          ? `DM with ${names[c.members.find((m) => m !== t.bot_user_id)] ?? c.name}`
          : `#${c.name}`;
    }
    return map;
  }, [teams, names]);
  const ctx = useMemo(
    () => ({
      botName: 'Zoom Org Connect',
      userName: (id) => names[id] ?? id,
      channelName: (id) => team?.channels.find((c) => c.id === id)?.name ?? id,
      emoji: (name) => emojiTable?.[name],
      // Dates are shown as this person's Slack client shows them: their zone, their language.
      reader: me ? { timeZone: me.tz, locale: me.locale, nowMs: Date.now() } : undefined,
      users: (team?.users ?? [])
        .filter((u) => !u.is_bot && !u.deleted)
        .map((u) => ({ value: u.id, label: u.real_name, detail: `@${u.name}` })),
      // What a conversations select offers this person: their channels and their DM with the app.
      channels: (team?.channels ?? [])
        .filter((c) => c.members.includes(person?.user))
        .map((c) =>
          c.is_im
            ? { value: c.id, label: 'Zoom Org Connect (DM)', kind: 'im', bot: true }
            : { value: c.id, label: `#${c.name}`, kind: c.is_private ? 'private' : 'public' },
        ),
    }),
    [names, team, me, person, emojiTable],
  );

  const show = (text, tone = 'error') => setNotice({ text, tone, at: Date.now() });

  const slackAct = async (path, body) => {
    if (!person) return null;
    setBusy(true);
    try {
      const { status, json } = await call('POST', `/slack-api/${path}`, {
        team: person.team,
        user: person.user,
        ...body,
      });
      if (status >= 400 || !json?.ok) show(json?.message ?? json?.error ?? `HTTP ${status}`);
      else if (json.status && json.status !== 200) show(`The app answered HTTP ${json.status}`);
      return json;
    } catch (error) {
      show(`The sandbox did not answer: ${error.message}`);
      return null;
    } finally {
      setBusy(false);
      await refreshInbox();
    }
  };

  const generalChannel = team?.channels.find((c) => !c.is_im && c.members.includes(person?.user));
  // A person in no channel (Other Corp has none) starts in the app's DM.
  const place = chosenPlace === 'channel' && !generalChannel ? 'dm' : chosenPlace;
  const dmChannel =
    inbox?.dms?.[0]?.channel ?? team?.channels.find((c) => c.is_im && c.members.includes(person?.user))?.id;
  const channelId = place === 'channel' ? generalChannel?.id : place === 'dm' ? dmChannel : undefined;

  const onCommand = async (text) => {
    const match = /^(\/\S+)\s*([\s\S]*)$/.exec(text);
    if (!match) {
      show('Only slash commands reach the app here: try /zoom-status', 'info');
      return false;
    }
    const answer = await slackAct('command', {
      command: match[1],
      text: match[2],
      ...(channelId ? { channel: channelId } : {}),
    });
    return Boolean(answer?.ok);
  };

  const [confirming, setConfirming] = useState(null);
  const onAction = async (args) => {
    // Slack asks first when an element carries a confirm dialog; nothing is sent if the person says no.
    if (args.element.confirm && !args.confirmed) {
      setConfirming(args);
      return;
    }
    const { surface, target, element, block, value } = args;
    await slackAct('action', {
      surface,
      target,
      action_id: element.action_id,
      // The clicked row: one message may repeat an action_id in several blocks (Slack allows it).
      ...(typeof block?.block_id === 'string' ? { block_id: block.block_id } : {}),
      ...(value === undefined || value === '' ? {} : { value }),
    });
  };

  const onSubmit = async (viewId, form) => {
    // An untouched single choice has no value: leave it out so Slack's own state (empty) is used.
    const values = {};
    for (const [blockId, byAction] of Object.entries(form)) {
      for (const [actionId, value] of Object.entries(byAction)) {
        if (value === '' && !textInputs.has(actionId)) continue;
        values[blockId] = { ...(values[blockId] ?? {}), [actionId]: value };
      }
    }
    // A refusal by Slack's own client comes back as the modal's errors, shown under the fields.
    await slackAct('submit', { view_id: viewId, values });
  };

  const onClose = async (viewId) => {
    await slackAct('close', { view_id: viewId });
  };

  const onShortcut = async (callbackId) => {
    await slackAct('shortcut', { callback_id: callbackId, ...(channelId ? { channel: channelId } : {}) });
  };

  const openHome = async () => {
    setPlace('home');
    await slackAct('home', {});
  };

  const zoomAct = async (method, path, body) => {
    setBusy(true);
    try {
      const { status, json } = await call(method, `/zoom-api/${path}`, body);
      if (status >= 400) show(json?.message ?? json?.error ?? `HTTP ${status}`);
    } finally {
      setBusy(false);
      await refreshWorld();
    }
  };

  const modals = inbox?.modals ?? [];
  const topModal = modals.at(-1);
  const textInputs = new Set(
    (topModal?.view.blocks ?? [])
      .filter((b) => b.type === 'input' && /_input$/.test(b.element?.type ?? ''))
      .map((b) => b.element.action_id),
  );
  const messages =
    place === 'channel'
      ? (inbox?.channel_messages?.[channelId] ?? [])
      : place === 'dm'
        ? (inbox?.dms ?? [])
        : [];
  const ephemerals = place === 'home' ? [] : (inbox?.ephemerals ?? []).filter((e) => e.channel === channelId);
  const timeline = [
    ...messages.map((m) => ({ message: m, ephemeral: false })),
    ...ephemerals.map((m) => ({ message: m, ephemeral: true })),
  ].sort((a, b) => (a.message.ts < b.message.ts ? -1 : 1));
  const timelineRef = useRef(null);
  const homeRef = useRef(null);
  useEffect(() => {
    if (timelineRef.current) timelineRef.current.scrollTop = timelineRef.current.scrollHeight;
  }, [timeline.length, place]);
  // Home opens at its top ("Your Zoom" first), as Slack's does; the timeline sticks to its end.
  const homeId = inbox?.home?.id;
  useEffect(() => {
    if (place === 'home' && homeRef.current) homeRef.current.scrollTop = 0;
  }, [place, homeId, person]);
  const readKey = person ? `${person.team}/${person.user}` : '';
  const dmNewest = newestTs(inbox?.dms);
  useEffect(() => {
    if (place === 'dm' && dmNewest && lastRead[readKey] !== dmNewest)
      setLastRead((read) => ({ ...read, [readKey]: dmNewest }));
  }, [place, dmNewest, readKey, lastRead]);
  const unreadDms = place === 'dm' ? 0 : unreadCount(inbox?.dms, lastRead[readKey]);
  const where = place === 'channel' ? `#${generalChannel?.name ?? 'general'}` : 'Zoom Org Connect';

  return html`<div class="layout">
    <header class="top">
      <h1>Zoom Org Connect <span class="muted">sandbox</span></h1>
      ${
        config
          ? html`<span class="facts"
            >app <a href=${`${config.appUrl}/healthz`} target="_blank" rel="noopener">${config.appUrl}</a> · Slack ${config.slackMode}-workspace · ${config.database}</span
          >`
          : null
      }
    </header>
    ${
      config?.restored
        ? html`<div class="restored" role="note">
            The database kept what you did last time, but the Slack and Zoom stand-ins start fresh: stored Zoom
            connections stop working (as after a token revocation) until you connect again. Start over with <code>npm run sandbox -- --fresh</code>.
          </div>`
        : null
    }
    <${PersonPicker} teams=${teams} person=${person} onPick=${setPerson} zoomUsers=${zoomState?.users ?? []} />
    <main class="columns">
      <section class="slack-pane" data-testid="slack">
        ${
          !me
            ? html`<div class="empty">Pick a person above to see their Slack.</div>`
            : html`<div class="slack-frame">
              <aside class="sidebar">
                <div class="workspace-name">${team.name}</div>
                <div class="me">${me.real_name}<br /><small>${roleOf(me)} · ${me.locale}</small></div>
                ${
                  generalChannel
                    ? html`<button type="button" class=${place === 'channel' ? 'active' : ''} onClick=${() => setPlace('channel')}>
                      # ${generalChannel.name}
                    </button>`
                    : null
                }
                <div class="sidebar-title">Apps</div>
                <button type="button" class=${place === 'dm' ? 'active' : ''} data-testid="open-dm" onClick=${() => setPlace('dm')}>
                  Zoom Org Connect ${
                    unreadDms > 0
                      ? html`<span class="count" data-testid="unread-dms" title="Unread messages">${unreadDms}</span>`
                      : null
                  }
                </button>
                <button type="button" class=${place === 'home' ? 'active' : ''} data-testid="open-home" onClick=${openHome}>
                  ⌂ Home
                </button>
              </aside>
              <div class="conversation">
                <div class="conversation-title">
                  ${place === 'home' ? 'Zoom Org Connect — Home' : place === 'dm' ? 'Zoom Org Connect (direct messages)' : `# ${generalChannel?.name ?? ''}`}
                </div>
                ${
                  place === 'home'
                    ? html`<div class="timeline home" key="home" ref=${homeRef} data-testid="home">
                      ${
                        inbox?.home
                          ? html`<${Blocks}
                            blocks=${inbox.home.view.blocks}
                            ctx=${ctx}
                            busy=${busy}
                            onAction=${(element, block, value) =>
                              onAction({ surface: 'home', target: inbox.home.id, element, block, value })}
                          />`
                          : html`<p class="muted">The app has not published a Home tab for ${me.real_name} yet.</p>`
                      }
                    </div>`
                    : html`<div class="timeline" key=${place} ref=${timelineRef} data-testid="timeline">
                      ${timeline.length === 0 ? html`<p class="muted">Nothing here yet.</p>` : null}
                      ${timeline.map(
                        (item) => html`<${Message}
                          key=${item.message.ts}
                          message=${item.message}
                          ephemeral=${item.ephemeral}
                          ctx=${ctx}
                          busy=${busy}
                          onAction=${onAction}
                        />`,
                      )}
                    </div>`
                }
                ${
                  place === 'home'
                    ? null
                    : html`<${Composer}
                      onCommand=${onCommand}
                      onShortcut=${onShortcut}
                      shortcuts=${config?.shortcuts ?? []}
                      busy=${busy}
                      where=${where}
                    />`
                }
              </div>
              ${
                topModal
                  ? html`<${Modal}
                    key=${topModal.id}
                    modal=${topModal}
                    depth=${modals.length}
                    ctx=${ctx}
                    busy=${busy}
                    onAction=${onAction}
                    onSubmit=${onSubmit}
                    onClose=${() => onClose(topModal.id)}
                  />`
                  : null
              }
            </div>`
        }
        ${
          confirming
            ? html`<${ConfirmDialog}
                confirm=${confirming.element.confirm}
                ctx=${ctx}
                onDecide=${(yes) => {
                  const args = confirming;
                  setConfirming(null);
                  if (yes) onAction({ ...args, confirmed: true });
                }}
              />`
            : null
        }
        ${
          notice
            ? html`<div class=${`notice ${notice.tone}`} role="status" data-testid="notice">
              ${notice.text} <button type="button" class="icon" onClick=${() => setNotice(null)}>✕</button>
            </div>`
            : null
        }
      </section>
      <div class="side">
        <${ZoomPanel} state=${zoomState} busy=${busy} act=${zoomAct} playing=${me?.email} />
        <${ActivityPane} items=${activity} names=${names} channels=${channelNames} showCalls=${showCalls} setShowCalls=${setShowCalls} />
      </div>
    </main>
  </div>`;
}

const root = document.getElementById('root');
// The page's "Loading the sandbox…" placeholder is not preact's: clear it, or it stays below the app.
root.replaceChildren();
render(html`<${App} />`, root);
