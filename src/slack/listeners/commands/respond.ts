/**
 * The frame every slash command runs in: ack at once (Slack's 3 s deadline; while the database
 * is down, the ack itself carries "temporarily unavailable"), then resolve the actor, run the
 * command, and turn any failure into an ephemeral message. Nobody is left without an answer.
 */
import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { MessageView } from '../../blockkit/types.js';
import { createTranslator } from '../../i18n/index.js';
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

export async function replyWith(respond: RespondFn, message: MessageView): Promise<void> {
  await respond(toRespondPayload(message));
}

export function commandHandler(
  deps: SlackAppDeps,
  name: string,
  run: (context: CommandContext) => Promise<void>,
): (args: CommandArgs) => Promise<void> {
  return async (args) => {
    const started = process.hrtime.bigint();
    const { command, ack, respond } = args;
    let outcome = 'ok';
    if (!deps.isDatabaseUp()) {
      await ack({ response_type: 'ephemeral', text: createTranslator(undefined)('error.unavailable') });
      deps.metrics?.slackCommands.observe({ command: name, outcome: 'unavailable' }, 0);
      return;
    }
    await ack();
    const text = command.text.trim();
    let actor: Actor | undefined;
    try {
      actor = await resolveActor(deps, command.team_id, command.user_id);
      const reply = (message: MessageView) => replyWith(respond, message);
      if (/^help$/i.test(text)) {
        await reply(helpMessage(name, actor.t));
      } else {
        await run({ actor, args, text, reply });
      }
    } catch (error) {
      outcome = 'error';
      logFailure(deps.logger, error, { command: name, workspaceId: command.team_id });
      const t = actor?.t ?? createTranslator(undefined);
      await replyWith(respond, userMessageFor(error, t)).catch((replyError: unknown) =>
        deps.logger.error({ err: replyError }, 'could not send the error reply'),
      );
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      deps.metrics?.slackCommands.observe({ command: name, outcome }, seconds);
    }
  };
}
