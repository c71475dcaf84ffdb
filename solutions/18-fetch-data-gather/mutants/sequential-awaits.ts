// The mistake: awaiting each fetch before starting the next, so the waits add up to 5 s.
export async function fetchData(delaySeconds: number, log: (line: string) => void): Promise<string> {
  log(`start ${delaySeconds}`);
  await new Promise((resolve) => setTimeout(resolve, delaySeconds * 1000));
  log(`done ${delaySeconds}`);
  return `data after ${delaySeconds}s`;
}

export async function main(log: (line: string) => void): Promise<[string, string]> {
  const first = await fetchData(2, log);
  const second = await fetchData(3, log);
  return [first, second];
}
