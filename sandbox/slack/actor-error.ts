/** A test or the control API asked for something a person could not do in Slack's client. */
export class ActorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActorError';
  }
}
