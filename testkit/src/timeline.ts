import { fail } from './failures.ts';

export interface TimelineEvent {
  label: string;
  at: number;
}

export interface Timeline {
  /** Records `label` at the current time. Pass it wherever the exercise takes a `log` callback. */
  readonly log: (label: string) => void;
  readonly events: readonly TimelineEvent[];
  /** Time of the first event with this label, or undefined. */
  timeOf(label: string): number | undefined;
  labels(): string[];
  /** "t=0 ms start 2 · t=2000 ms done 2", for failure messages. */
  format(): string;
  /** Fails unless `label` happened exactly at `ms`. */
  expectAt(label: string, ms: number, why?: string): void;
  /** Fails unless these labels happened in this relative order (other events may sit between). */
  expectOrder(labels: readonly string[], why?: string): void;
  /** Fails unless the recorded labels are exactly these, in this order. */
  expectExactly(labels: readonly string[], why?: string): void;
  expectNotHappened(label: string, why?: string): void;
}

const quote = (label: string): string => `\`${label}\``;
const because = (why?: string): string => (why ? ` — ${why}` : '');

/**
 * A list of labelled events stamped with the (virtual) time they happened.
 * `now` defaults to performance.now, which the virtual clock governs inside tests.
 */
export function recordTimeline(now: () => number = () => performance.now()): Timeline {
  const events: TimelineEvent[] = [];
  const origin = now();
  const timeOf = (label: string): number | undefined => events.find((e) => e.label === label)?.at;
  const format = (): string =>
    events.length === 0 ? '(nothing was recorded)' : events.map((e) => `t=${e.at} ms ${e.label}`).join(' · ');

  return {
    log: (label) => {
      events.push({ label: String(label), at: Math.round((now() - origin) * 1000) / 1000 });
    },
    events,
    timeOf,
    labels: () => events.map((e) => e.label),
    format,
    expectAt(label, ms, why) {
      const at = timeOf(label);
      if (at === undefined) fail(`${quote(label)} never happened; expected it at t=${ms} ms${because(why)}. Recorded: ${format()}`);
      if (at !== ms) fail(`${quote(label)} happened at t=${at} ms, expected t=${ms} ms${because(why)}. Recorded: ${format()}`);
    },
    expectOrder(labels, why) {
      let cursor = -1;
      for (const label of labels) {
        const index = events.findIndex((e, i) => i > cursor && e.label === label);
        if (index === -1) {
          const seen = timeOf(label) === undefined ? 'never happened' : `came too early (t=${timeOf(label)} ms)`;
          fail(`expected the order ${labels.map(quote).join(' → ')}, but ${quote(label)} ${seen}${because(why)}. Recorded: ${format()}`);
        }
        cursor = index;
      }
    },
    expectExactly(labels, why) {
      const actual = events.map((e) => e.label);
      if (actual.length !== labels.length || actual.some((l, i) => l !== labels[i])) {
        fail(`expected exactly ${labels.map(quote).join(', ') || '(nothing)'}${because(why)}. Recorded: ${format()}`);
      }
    },
    expectNotHappened(label, why) {
      const at = timeOf(label);
      if (at !== undefined) fail(`${quote(label)} happened at t=${at} ms but should not have${because(why)}. Recorded: ${format()}`);
    },
  };
}
