/**
 * Installs the app into a simulated Slack team through the app's real install route, as an admin
 * would in a browser: `GET /slack/install` (Bolt sets the state cookie and redirects to Slack's
 * authorize page), the Slack stand-in's authorize page approves for `team`/`user`, and the
 * browser lands on `/slack/oauth_redirect`, where Bolt exchanges the code with oauth.v2.access.
 */
export async function installIntoTeam(options: {
  appUrl: string;
  /** The Slack stand-in's `/oauth/v2/authorize`. */
  authorizeUrl: string;
  team: string;
  user: string;
}): Promise<void> {
  const install = await fetch(`${options.appUrl}/slack/install`, { redirect: 'manual' });
  const location = install.headers.get('location');
  if (install.status !== 302 || !location) {
    throw new Error(`Slack install: /slack/install answered HTTP ${install.status} without a redirect`);
  }
  // Bolt points at slack.com; only its query (state, scopes, client_id) is used, never that host.
  const authorize = new URL(options.authorizeUrl);
  for (const [name, value] of new URL(location).searchParams) authorize.searchParams.set(name, value);
  authorize.searchParams.set('team', options.team);
  authorize.searchParams.set('user', options.user);
  const approved = await fetch(authorize, { redirect: 'manual' });
  const callback = approved.headers.get('location');
  if (approved.status !== 302 || !callback) {
    throw new Error(`Slack install: the authorize page answered HTTP ${approved.status}`);
  }
  const cookie = install.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const done = await fetch(callback, { redirect: 'manual', headers: { cookie } });
  if (done.status >= 400) {
    throw new Error(`Slack install into ${options.team}: the app answered HTTP ${done.status}`);
  }
}
