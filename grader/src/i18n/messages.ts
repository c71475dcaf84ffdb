import type { FailureKind } from '@tickwork/testkit/failures';
import type { ExerciseStatus, TamperingChange } from '../scorecard.ts';
import type { Lang } from './lang.ts';

/**
 * Every learner-facing string the grader prints, in each language. Add a key to `en` and `tr`
 * together: the type makes a missing translation a compile error. Functions take what varies.
 */
const en = {
  hintHeading: (level: number, total: number): string => `Hint ${level} of ${total}`,
  noMoreHints: (total: number): string => `That was the last hint (${total} of ${total}). \`pnpm hint <exercise> --all\` shows them all again.`,

  /** report/terminal.ts: every word of the scorecard. */
  scorecard: {
    title: (target: string): string => `tickwork scorecard · ${target}`,
    columns: { exercise: 'exercise', status: 'status', points: 'points', tests: 'tests', time: 'time' },
    status: { passed: 'passed', partial: 'partial', failed: 'failed', error: 'error', timeout: 'timeout', 'public-passed': 'public tests passed', ungraded: 'graded in CI' } satisfies Record<ExerciseStatus, string> as Record<ExerciseStatus, string>,
    toDo: 'to do',
    notStarted: (functions: string, file: string): string => `not started: write ${functions} in ${file}`,
    worth: (points: number): string => (points === 1 ? '1 pt' : `${points} pts`),
    at: (location: string): string => `at ${location}`,
    yourOutput: 'your output:',
    moreOutput: (lines: number): string => `… ${lines} more line(s) in the JSON scorecard`,
    moreFailures: (count: number): string => `… and ${count} more`,
    hints: (file: string, slug: string): string => `hints: ${file} · one at a time: pnpm hint ${slug}`,
    total: (points: number, maxPoints: number): string => `total ${points}/${maxPoints} points`,
    passedCount: (passed: number, exercises: number): string => `${passed}/${exercises} exercises passed`,
    next: (slug: string, title: string, readme: string): string => `next: ${slug} — ${title} (${readme})`,
    allPassed: 'every exercise passes. Well done!',
    kindsHeading: 'what the failure kinds mean:',
    /** A workbook file in this language: the Turkish README and hints sit next to the English ones. */
    docFile: (path: string): string => path,
  },

  /** How the scorecard names a failure kind; English uses the kind itself, as the JSON scorecard does. */
  failureKindName: {
    'blocked-event-loop': 'blocked-event-loop',
    'never-settled': 'never-settled',
    'runaway-timers': 'runaway-timers',
    'leaked-handles': 'leaked-handles',
    'unhandled-rejection': 'unhandled-rejection',
    'not-implemented': 'not-implemented',
    crash: 'crash',
    'compile-error': 'compile-error',
    'out-of-time': 'out-of-time',
  } satisfies Record<FailureKind, string> as Record<FailureKind, string>,

  /** One line per failure kind, printed under the scorecard for the kinds that occurred. */
  failureKindExplanation: {
    'blocked-event-loop': 'the event loop got no turn for 3 s (a synchronous endless loop, a busy wait, an endless chain of promise jobs); the grader stopped it',
    'never-settled': 'a promise the test waited for never settled: nothing was left that could resolve or reject it',
    'runaway-timers': 'more than 10 000 timers fired: an interval never cleared, or a retry without a limit',
    'leaked-handles': 'timers still pending or abort listeners still attached when the test ended: clean up what you start',
    'unhandled-rejection': 'a promise rejected and nobody handled it (a missing await or .catch?)',
    'not-implemented': "the function still throws the stub's `TODO: implement` error",
    crash: 'the code threw while it was loading, or called process.exit',
    'compile-error': 'the code does not parse: a syntax error (the message says where)',
    'out-of-time': 'the whole grade ran out of time before this exercise finished',
  } satisfies Record<FailureKind, string> as Record<FailureKind, string>,

  /** commands/hint.ts */
  hint: {
    nextExercise: (slug: string): string => `No exercise named; the next one to work on is ${slug}.`,
    allDone: 'Every exercise already has its full score. Name one to see its hints: pnpm hint <exercise>',
    moreAvailable: (next: number, slug: string): string => `Still stuck? \`pnpm hint ${slug}\` reveals hint ${next}.`,
    noHints: (file: string): string => `${file}: no hints found (expected \`## Hint 1\` … sections)`,
    oneExercise: (names: string): string => `pnpm hint takes one exercise, got: ${names}`,
  },

  /** pnpm grade --reset (reset/reset.ts) */
  reset: {
    question: (file: string): string => `Replace ${file} with the original stub? Your file is backed up first. [y/N] `,
    /** Answers that mean yes, lower case. */
    yes: ['y', 'yes'],
    cancelled: 'Nothing changed.',
    untouched: (file: string): string => `${file} is still the untouched stub: nothing to reset, nothing written.`,
    backedUp: (backup: string): string => `Your file is saved as ${backup}`,
    nothingToBackUp: (file: string): string => `${file} did not exist: nothing to back up.`,
    restored: (file: string): string => `${file} is the original stub again. Your best score and the hints you have seen are kept.`,
    needsConfirmation: (file: string): string => `refusing to reset ${file} without confirmation: run it in a terminal, or add --yes`,
    noGit: (file: string): string => `cannot restore ${file}: git is not available (the stub is taken from git's last commit)`,
    notInHead: (file: string): string => `cannot restore ${file}: it is not in git's last commit (HEAD), so there is no stub to go back to`,
    alone: (option: string): string => `--reset works alone: it cannot be combined with ${option}`,
  },

  /** A student edition (export/, docs/student-edition.md): what it leaves out, said plainly. */
  edition: {
    /** The note put on top of the edition's README.md (Markdown). */
    readmeNote: (withheld: boolean): string =>
      withheld
        ? '> **Student edition.** This copy of the workbook has no reference solutions and only the public tests: the hidden tests are not in it. `pnpm grade` grades the public tests and says, per exercise, how many hidden tests CI grades. Instructor commands (`pnpm verify`, `pnpm grade --solutions`) do not work here.'
        : '> **Student edition.** This copy of the workbook has no reference solutions. `pnpm grade` grades every test, as CI does. Instructor commands (`pnpm verify`, `pnpm grade --solutions`) do not work here.',
    /** Under an exercise whose hidden tests were withheld. */
    withheld: (tests: number, points: number): string =>
      tests === 1
        ? `1 hidden test (${points === 1 ? '1 point' : `${points} points`}) is not in this edition: CI grades it`
        : `${tests} hidden tests (${points} points) are not in this edition: CI grades them`,
    /** Under an exercise none of whose tests is in the edition. */
    allWithheld: (tests: number, points: number): string =>
      `all ${tests === 1 ? '1 test' : `${tests} tests`} (${points === 1 ? '1 point' : `${points} points`}) of this exercise are hidden and not in this edition: CI grades them`,
    /** In the totals line. */
    totalWithheld: (tests: number, points: number): string => `${tests} hidden test${tests === 1 ? '' : 's'} (${points} point${points === 1 ? '' : 's'}) graded in CI`,
    publicPassedCount: (count: number, exercises: number): string => `${count}/${exercises} passed their public tests`,
    /** Instead of "every exercise passes" when some tests were withheld. */
    allPresentPassed: 'every test in this edition passes; CI grades the hidden ones.',
    instructorCommand: (command: string): string => `pnpm ${command} is an instructor command: this student edition has no solutions/ (docs/student-edition.md)`,
    instructorOption: (option: string): string => `${option} is for instructors: this student edition has no solutions/ (docs/student-edition.md)`,
  },

  /** pnpm grade --watch (watch/) */
  watch: {
    gradingAll: (count: number): string => `grading ${count} exercise${count === 1 ? '' : 's'}, then watching for changes…`,
    watching: (count: number, how: string): string => `watching ${count} exercise${count === 1 ? '' : 's'}: save a file and its exercise is graded again (${how})`,
    fileEvents: 'file events; add --poll if a save goes unnoticed',
    polling: (ms: number): string => `checking every ${ms} ms`,
    fellBackToPolling: (reason: string, ms: number): string => `file events do not work here (${reason}): checking for changes every ${ms} ms instead`,
    changed: (slugs: string): string => `↻ ${slugs} changed: grading…`,
    keys: 'keys: h hint · n next unfinished · l list · q quit',
    stillGrading: 'still grading: the scorecard comes first',
    focus: (slug: string, title: string): string => `→ ${slug} — ${title}`,
    focusDetails: (readme: string, status: string, points: number, maxPoints: number): string => `  ${readme} · ${status} · ${points}/${maxPoints} points`,
    hintFor: (slug: string, heading: string): string => `${slug} · ${heading}`,
    moreHints: (next: number): string => `press h again for hint ${next}`,
    gradeFailed: (message: string): string => `could not grade: ${message}`,
    finishing: 'quitting once the grade in progress ends…',
    stopped: 'stopped watching.',
    onlyWithWatch: (option: string): string => `${option} only works with --watch`,
    notWithWatch: (option: string): string => `--watch cannot be combined with ${option}`,
  },

  /** The result cache (cache/, docs/learner.md "Instant re-grades"): a replayed row, and a note under the totals. */
  cache: {
    replayed: '(cached)',
    replayedCount: (count: number, exercises: number): string =>
      `${count}/${exercises} replayed from the cache: nothing they depend on changed (pnpm grade --no-cache runs every test)`,
  },

  /** report/markdown.ts and report/html.ts: their own few words; the rest comes from `scorecard` above. */
  report: {
    module: (module: number): string => `module ${module}`,
    modules: 'Modules',
    tamperingHeading: 'Changes outside the learner files were ignored for grading',
    tamperingChange: {
      added: 'added',
      modified: 'modified',
      deleted: 'deleted',
      'type-changed': 'type changed',
      'not-a-file': 'not a regular file',
    } satisfies Record<TamperingChange, string> as Record<TamperingChange, string>,
    abortedHeading: 'Grading did not finish',
    failedTests: 'Failed tests',
    moreFailures: (count: number): string => `… and ${count} more in the JSON scorecard`,
    cut: 'Some details were left out to keep this report within its size limit: the JSON scorecard has them all.',
  },
};

const tr: typeof en = {
  hintHeading: (level, total) => `İpucu ${level} / ${total}`,
  noMoreHints: (total) => `Bu son ipucuydu (${total} / ${total}). Hepsini yeniden görmek için: \`pnpm hint <alıştırma> --all\`.`,

  scorecard: {
    title: (target) => `tickwork puan kartı · ${target}`,
    columns: { exercise: 'alıştırma', status: 'durum', points: 'puan', tests: 'test', time: 'süre' },
    status: { passed: 'geçti', partial: 'kısmen', failed: 'kaldı', error: 'hata', timeout: 'zaman aşımı', 'public-passed': 'açık testler geçti', ungraded: "CI'da notlanacak" },
    toDo: 'yapılacak',
    notStarted: (functions, file) => `henüz başlanmadı: ${file} dosyasında şunları yazın: ${functions}`,
    worth: (points) => `${points} puan`,
    at: (location) => `konum: ${location}`,
    yourOutput: 'kodunuzun çıktısı:',
    moreOutput: (lines) => `… ${lines} satır daha JSON puan kartında`,
    moreFailures: (count) => `… ve ${count} test daha`,
    hints: (file, slug) => `ipuçları: ${file} · tek tek görmek için: pnpm hint ${slug}`,
    total: (points, maxPoints) => `toplam ${points}/${maxPoints} puan`,
    passedCount: (passed, exercises) => `${passed}/${exercises} alıştırma geçti`,
    next: (slug, title, readme) => `sıradaki: ${slug} — ${title} (${readme})`,
    allPassed: 'Bütün alıştırmalar geçiyor. Tebrikler!',
    kindsHeading: 'hata türlerinin anlamı:',
    docFile: (path) => path.replace(/\.md$/, '.tr.md'),
  },

  failureKindName: {
    'blocked-event-loop': 'olay döngüsü tıkandı',
    'never-settled': 'hiç sonuçlanmadı',
    'runaway-timers': 'kontrolden çıkan zamanlayıcılar',
    'leaked-handles': 'geride kalan zamanlayıcı/dinleyici',
    'unhandled-rejection': 'yakalanmamış ret',
    'not-implemented': 'henüz yazılmadı',
    crash: 'çöktü',
    'compile-error': 'sözdizimi hatası',
    'out-of-time': 'süre doldu',
  },

  failureKindExplanation: {
    'blocked-event-loop': 'olay döngüsü 3 saniye boyunca hiç sıra alamadı (senkron bir sonsuz döngü, meşgul bekleme ya da bitmeyen bir söz işi zinciri); notlandırıcı onu durdurdu',
    'never-settled': 'testin beklediği söz (promise) hiç sonuçlanmadı: onu çözecek ya da reddedecek hiçbir şey kalmamıştı',
    'runaway-timers': "10 000'den fazla zamanlayıcı çalıştı: hiç temizlenmeyen bir setInterval ya da sınırsız bir yeniden deneme",
    'leaked-handles': 'test bittiğinde hâlâ bekleyen zamanlayıcılar ya da bağlı kalmış abort dinleyicileri vardı: başlattığınızı temizleyin',
    'unhandled-rejection': 'bir söz (promise) reddedildi ve bu reddi kimse yakalamadı (eksik bir await ya da .catch?)',
    'not-implemented': 'fonksiyon hâlâ taslağın `TODO: implement` hatasını fırlatıyor',
    crash: 'kod yüklenirken hata fırlattı ya da process.exit çağırdı',
    'compile-error': 'kod ayrıştırılamıyor: bir sözdizimi hatası (yeri mesajda yazıyor)',
    'out-of-time': 'notlandırmanın toplam süresi bu alıştırma bitmeden doldu',
  },

  hint: {
    nextExercise: (slug) => `Alıştırma adı verilmedi; sıradaki alıştırmanın ipuçları gösteriliyor: ${slug}`,
    allDone: 'Bütün alıştırmalar zaten tam puan almış. İpuçlarını görmek için birini adıyla çağırın: pnpm hint <alıştırma>',
    moreAvailable: (next, slug) => `Hâlâ takıldınız mı? \`pnpm hint ${slug}\` ${next}. ipucunu açar.`,
    noHints: (file) => `${file}: ipucu bulunamadı (\`## İpucu 1\` … bölümleri bekleniyordu)`,
    oneExercise: (names) => `pnpm hint tek bir alıştırma alır, verilenler: ${names}`,
  },

  reset: {
    question: (file) => `${file} özgün taslakla değiştirilsin mi? Önce dosyanızın yedeği alınır. [e/H] `,
    yes: ['e', 'evet', 'y', 'yes'],
    cancelled: 'Hiçbir şey değişmedi.',
    untouched: (file) => `${file} hâlâ el değmemiş taslak: sıfırlanacak bir şey yok, hiçbir dosya yazılmadı.`,
    backedUp: (backup) => `Dosyanız ${backup} olarak yedeklendi.`,
    nothingToBackUp: (file) => `${file} yoktu: yedeklenecek bir şey yok.`,
    restored: (file) => `${file} yeniden özgün taslak. En iyi puanınız ve gördüğünüz ipuçları korunuyor.`,
    needsConfirmation: (file) => `${file} onay alınmadan sıfırlanmaz: komutu bir terminalde çalıştırın ya da --yes ekleyin`,
    noGit: (file) => `${file} geri yüklenemiyor: git bulunamadı (taslak, git'teki son commit'ten alınır)`,
    notInHead: (file) => `${file} geri yüklenemiyor: git'teki son commit'te (HEAD) yok, dönülecek bir taslak bulunmuyor`,
    alone: (option) => `--reset tek başına kullanılır: ${option} ile birlikte verilemez`,
  },

  edition: {
    readmeNote: (withheld) =>
      withheld
        ? "> **Öğrenci sürümü.** Çalışma kitabının bu kopyasında örnek çözümler yok; testlerden de yalnızca açık olanlar var, gizli testler bu kopyada yer almıyor. `pnpm grade` açık testleri notlar ve her alıştırma için kaç gizli testi CI'ın notlayacağını söyler. Eğitmen komutları (`pnpm verify`, `pnpm grade --solutions`) burada çalışmaz."
        : "> **Öğrenci sürümü.** Çalışma kitabının bu kopyasında örnek çözümler yok. `pnpm grade` her testi CI'daki gibi notlar. Eğitmen komutları (`pnpm verify`, `pnpm grade --solutions`) burada çalışmaz.",
    withheld: (tests, points) => `${tests} gizli test (${points} puan) bu sürümde yer almıyor: onları CI notlayacak`,
    allWithheld: (tests, points) => `bu alıştırmanın ${tests} testinin (${points} puan) hepsi gizli ve bu sürümde yer almıyor: onları CI notlayacak`,
    totalWithheld: (tests, points) => `${tests} gizli test (${points} puan) CI'da notlanacak`,
    publicPassedCount: (count, exercises) => `${count}/${exercises} alıştırmanın açık testleri geçti`,
    allPresentPassed: 'bu sürümdeki bütün testler geçiyor; gizli testleri CI notlayacak.',
    instructorCommand: (command) => `pnpm ${command} bir eğitmen komutudur: bu öğrenci sürümünde solutions/ klasörü yok (docs/student-edition.md)`,
    instructorOption: (option) => `${option} eğitmenler içindir: bu öğrenci sürümünde solutions/ klasörü yok (docs/student-edition.md)`,
  },

  watch: {
    gradingAll: (count) => `${count} alıştırma notlanıyor, ardından değişiklikler izlenecek…`,
    watching: (count, how) => `${count} alıştırma izleniyor: bir dosyayı kaydettiğinizde alıştırması yeniden notlanır (${how})`,
    fileEvents: 'dosya olaylarıyla; bir kayıt gözden kaçarsa --poll ekleyin',
    polling: (ms) => `her ${ms} ms'de bir yoklanarak`,
    fellBackToPolling: (reason, ms) => `dosya olayları burada çalışmıyor (${reason}): değişiklikler bunun yerine her ${ms} ms'de bir yoklanacak`,
    changed: (slugs) => `↻ ${slugs} değişti: notlanıyor…`,
    keys: 'tuşlar: h ipucu · n sıradaki bitmemiş alıştırma · l liste · q çıkış',
    stillGrading: 'notlandırma sürüyor: önce puan kartı gelecek',
    focus: (slug, title) => `→ ${slug} — ${title}`,
    focusDetails: (readme, status, points, maxPoints) => `  ${readme} · ${status} · ${points}/${maxPoints} puan`,
    hintFor: (slug, heading) => `${slug} · ${heading}`,
    moreHints: (next) => `${next}. ipucu için yeniden h'ye basın`,
    gradeFailed: (message) => `notlandırılamadı: ${message}`,
    finishing: 'süren notlandırma bitince çıkılacak…',
    stopped: 'izleme durduruldu.',
    onlyWithWatch: (option) => `${option} yalnızca --watch ile birlikte kullanılır`,
    notWithWatch: (option) => `--watch, ${option} ile birlikte kullanılamaz`,
  },

  cache: {
    replayed: '(önbellekten)',
    replayedCount: (count, exercises) =>
      `${count}/${exercises} sonuç önbellekten geldi: dayandıkları hiçbir şey değişmedi (bütün testleri çalıştırmak için: pnpm grade --no-cache)`,
  },

  report: {
    module: (module) => `modül ${module}`,
    modules: 'Modüller',
    tamperingHeading: 'Öğrenci dosyaları dışındaki değişiklikler notlandırmada yok sayıldı',
    tamperingChange: { added: 'eklendi', modified: 'değiştirildi', deleted: 'silindi', 'type-changed': 'türü değişti', 'not-a-file': 'normal bir dosya değil' },
    abortedHeading: 'Notlandırma tamamlanamadı',
    failedTests: 'Geçemeyen testler',
    moreFailures: (count) => `… ve ${count} test daha JSON puan kartında`,
    cut: 'Bu rapor boyut sınırını aşmasın diye bazı ayrıntılar çıkarıldı: JSON puan kartında hepsi var.',
  },
};

export type Messages = typeof en;

export function messages(lang: Lang): Messages {
  return lang === 'tr' ? tr : en;
}
