import type { EngineSession, EngineSessions } from '../engines/engineSessions';
import { engineLook } from '../tree/engineTree';
import { BACK, Prompter } from '../wizard/prompter';

/** "Which engine?" for a palette command in a window with several: each with its endpoint and state. */
export async function pickEngine(sessions: EngineSessions, prompter: Prompter, commandTitle: string): Promise<EngineSession | undefined> {
  const picked = await prompter.pick({
    title: commandTitle,
    step: 1,
    totalSteps: 1,
    placeholder: `Which engine should ${commandTitle} act on?`,
    matchOnDescription: true,
    options: sessions.all.map(session => {
      const look = engineLook(session.connection.state, session.entry.host);
      return { label: session.entry.name, description: look.description, value: session };
    }),
  });
  return picked === BACK ? undefined : picked;
}
