export async function verify(_: unknown): Promise<{ ok: boolean; text: string }> {
  return { ok: false, text: 'not yet\n' };
}
