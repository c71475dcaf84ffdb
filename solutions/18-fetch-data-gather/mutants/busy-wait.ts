// The mistake: waiting by spinning on the clock. It blocks the loop: nothing else runs meanwhile
// (and on a virtual clock, time never moves while the loop is blocked, so it never ends).
export async function fetchData(delaySeconds: number, log: (line: string) => void): Promise<string> {
  log(`start ${delaySeconds}`);
  const until = Date.now() + delaySeconds * 1000;
  while (Date.now() < until) {
    // spin
  }
  log(`done ${delaySeconds}`);
  return `data after ${delaySeconds}s`;
}

export async function main(log: (line: string) => void): Promise<[string, string]> {
  return Promise.all([fetchData(2, log), fetchData(3, log)]);
}
