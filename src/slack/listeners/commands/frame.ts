/**
 * The frame every slash command runs in: ack at once (Slack's 3 s deadline; while the database
 * is down, or the after-ack queue is full, the ack itself carries "temporarily unavailable" or
 * "busy"), then, through the after-ack queue (src/after-ack.ts), resolve the actor, run the
 * command, and turn any failure into an ephemeral message. Replies go to the command's
 * response_url (response-url.ts). Nobody is left without an answer.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { createTranslator } from '../../../i18n/index.js';
import type { MessageView } from '../../blockkit/types.js';
import { type Actor, logFailure, resolveActor, type SlackAppDeps, userMessageFor } from '../../runtime.js';
import { helpMessage } from '../../views/index.js';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export interface CommandContext {
  actor: Actor;
  args: CommandArgs;
  /** The text after the command, trimmed; `help` is handled before the handler runs. */
  text: string;
  reply(message: MessageView): Promise<void>;
}

export function toRespondPayload(message: MessageView) {
  return {
    response_type: message.response_type ?? ('ephemeral' as const),
    text: message.text,
    // A plain-text notice has no blocks; Slack rejects an empty `blocks` array.
    ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
  };
}

export function commandHandler(
  deps: SlackAppDeps,
  name: string,
  run: (context: CommandContext) => Promise<void>,
): (args: CommandArgs) => Promise<void> {
  return async (args) => {
    const started = process.hrtime.bigint();
    const { command, ack } = args;
    const replyWith = (message: MessageView) =>
      deps.responseUrls.post(command.response_url, toRespondPayload(message));
    let outcome = 'ok';
    // Refusals go in the ack itself: the person is answered at once, and nothing is queued.
    const refusal = !deps.isDatabaseUp() ? 'unavailable' : !deps.afterAck.hasRoom() ? 'busy' : null;
    if (refusal) {
      const key = refusal === 'busy' ? 'error.busy' : 'error.unavailable';
      await ack({ response_type: 'ephemeral', text: createTranslator(undefined)(key) });
      deps.metrics?.slackCommands.observe({ command: name, outcome: refusal }, 0);
      return;
    }
    await ack();
    await deps.afterAck.run('command', { command: name }, async () => {
      const text = command.text.trim();
      let actor: Actor | undefined;
      try {
        actor = await resolveActor(deps, command.team_id, command.user_id);
        if (/^help$/i.test(text)) {
          await replyWith(helpMessage(name, actor.t));
        } else {
          await run({ actor, args, text, reply: replyWith });
        }
      } catch (error) {
        outcome = 'error';
        logFailure(deps.logger, error, { command: name, workspaceId: command.team_id });
        const t = actor?.t ?? createTranslator(undefined);
        await replyWith(userMessageFor(error, t)).catch((replyError: unknown) =>
          deps.logger.error({ err: replyError }, 'could not send the error reply'),
        );
      } finally {
        // From the request to the reply, waiting in the after-ack queue included.
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        deps.metrics?.slackCommands.observe({ command: name, outcome }, seconds);
      }
    });
  };
}
