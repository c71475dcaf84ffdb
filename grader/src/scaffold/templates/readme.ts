import type { NewExercise } from '../plan.ts';
import { TEMPLATE_POINTS } from './package.ts';

/** The signature the template stub exports; the README quotes it as it stands in src/index.ts. */
const SIGNATURE = 'export async function example(log: (line: string) => void): Promise<string>;';

const nn = (exercise: NewExercise): string => exercise.slug.slice(0, 2);

/** The sections verify requires, in order (docs/contract.md → README), each saying what belongs in it. */
export function readmeEn(exercise: NewExercise): string {
  return `# ${nn(exercise)} · ${exercise.title}

TODO(author): one paragraph: what the learner builds and why it matters, with the Python counterpart
from the guide where there is one.

## The signature

\`\`\`ts
${SIGNATURE}
\`\`\`

TODO(author): the exact signature(s), as in \`src/index.ts\`, and one line per parameter and result.

## Example

TODO(author): a short usage example and its output.

## What the hidden tests check

TODO(author): a bullet per behaviour, in prose, without giving the solution away. There are
${TEMPLATE_POINTS} points.

## The concept

TODO(author): the idea taught, a few paragraphs; link \`../../docs/\` where useful. The last line links
the section of the concept guide this exercise belongs to:

Guide: [TODO(author): the section's title](../../docs/guide/en/README.md)

## Run it

\`\`\`
pnpm grade ${nn(exercise)}                   # run the hidden tests against your src/index.ts
pnpm grade ${nn(exercise)} --json out.json   # the same, and write the scorecard to out.json
\`\`\`

Stuck? Three hints, from a nudge to a near-solution, are in [\`hints.md\`](./hints.md).
`;
}

/** Written, not translated: the Turkish README has the same sections under their Turkish names. */
export function readmeTr(exercise: NewExercise): string {
  return `# ${nn(exercise)} · ${exercise.title}

TODO(author): tek paragraf: öğrenci ne yazıyor ve bu neden önemli; rehberde varsa Python karşılığı.

## İmza

\`\`\`ts
${SIGNATURE}
\`\`\`

TODO(author): \`src/index.ts\` içindeki imza(lar) birebir, her parametre ve sonuç için bir satır.

## Örnek

TODO(author): kısa bir kullanım örneği ve çıktısı.

## Gizli testler neyi denetliyor

TODO(author): her davranış için bir madde; çözümü ele vermeden, düz yazıyla. Toplam
${TEMPLATE_POINTS} puan.

## Kavram

TODO(author): öğretilen fikir, birkaç paragraf; gerekirse \`../../docs/\` altına bağlantı verin. Son satır,
alıştırmanın ait olduğu rehber bölümüne bağlanır:

Rehber: [TODO(author): bölümün başlığı](../../docs/guide/tr/README.md)

## Çalıştırın

\`\`\`
pnpm grade ${nn(exercise)}                   # gizli testleri src/index.ts dosyanıza karşı çalıştırır
pnpm grade ${nn(exercise)} --json out.json   # aynısı, üstüne puan kartını out.json'a yazar
\`\`\`

Takıldınız mı? Küçük bir dürtmeden neredeyse hazır bir çözüme uzanan üç ipucu
[\`hints.tr.md\`](./hints.tr.md) dosyasında.
`;
}

/** Exactly three hints, from a nudge to a near-solution (docs/contract.md → Hints). */
export function hintsEn(): string {
  return `## Hint 1

TODO(author): a nudge: which idea or which Node API to look at.

## Hint 2

TODO(author): an approach: the shape of a solution, in words.

## Hint 3

TODO(author): a near-solution: pseudo-code or a skeleton with the key line left for the learner.
`;
}

export function hintsTr(): string {
  return `## İpucu 1

TODO(author): küçük bir dürtme: hangi fikre ya da hangi Node API'sine bakmalı.

## İpucu 2

TODO(author): bir yaklaşım: çözümün genel biçimi, sözcüklerle.

## İpucu 3

TODO(author): neredeyse çözüm: sözde kod ya da kilit satırı öğrenciye bırakılmış bir iskelet.
`;
}
