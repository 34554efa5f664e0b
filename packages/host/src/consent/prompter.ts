/**
 * Asking the person. Consent goes through this interface so that the default can refuse: with no
 * terminal and no flags nothing is granted. The CLI supplies a terminal prompter; tests a scripted one.
 */

/** Asks a person one question at a time. */
export interface Prompter {
  /**
   * Shows `question` and returns the answer, or undefined when nobody can answer (no terminal),
   * which every caller treats as a refusal.
   */
  ask(question: string): Promise<string | undefined>;
  /** Releases the terminal, if any; asking again opens it again. */
  close?(): void;
}

/** The default: nobody to ask, so every question is refused. */
export const refusingPrompter: Prompter = {
  ask: async () => undefined,
};

/** Answers from a list, in order; refuses once the list is used up. For tests and scripts. */
export function scriptedPrompter(answers: readonly string[]): Prompter & { asked: string[] } {
  const queue = [...answers];
  const asked: string[] = [];
  return {
    asked,
    ask: async (question) => {
      asked.push(question);
      return queue.shift();
    },
  };
}

/** Whether an answer means yes (`y`/`yes`, any case); empty means `defaultYes`. */
export function isYes(answer: string | undefined, defaultYes = false): boolean {
  if (answer === undefined) return false;
  const trimmed = answer.trim().toLowerCase();
  if (trimmed === '') return defaultYes;
  return trimmed === 'y' || trimmed === 'yes';
}
