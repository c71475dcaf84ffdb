// Correct in another style: a hand-made sleep from setTimeout, and promise chains instead of async/await.
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function fetchData(delaySeconds: number, log: (line: string) => void): Promise<string> {
  log(`start ${delaySeconds}`);
  return sleep(delaySeconds * 1000).then(() => {
    log(`done ${delaySeconds}`);
    return `data after ${delaySeconds}s`;
  });
}

export function main(log: (line: string) => void): Promise<[string, string]> {
  const first = fetchData(2, log);
  const second = fetchData(3, log);
  return first.then((a) => second.then((b): [string, string] => [a, b]));
}
