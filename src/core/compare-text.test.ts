import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compareText, plainLocale } from './compare-text.ts';

const WORDS = [
  'b',
  'B',
  'a',
  'A',
  'ä',
  'z',
  't',
  '10',
  '9',
  'a-b',
  'a_b',
  'ab',
  'aa',
  '',
  'Zebra',
  'éclair',
  'e',
];

describe('compareText', () => {
  it('orders as String.prototype.localeCompare does, equal strings included', () => {
    for (const a of WORDS)
      for (const b of WORDS)
        assert.equal(Math.sign(compareText(a, b)), Math.sign(a.localeCompare(b)), `${a} ${b}`);
  });

  it('orders lower-case letters, digits and hyphens as localeCompare does (random strings)', () => {
    const plainText = fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'),
      maxLength: 12,
    });
    fc.assert(
      fc.property(
        plainText,
        plainText,
        (a, b) => Math.sign(compareText(a, b)) === Math.sign(a.localeCompare(b)),
      ),
      { numRuns: 5000 },
    );
  });

  it('in every locale, even those that order plain letters otherwise (Estonian, Danish)', () => {
    const script = `import { compareText } from ${JSON.stringify(new URL('./compare-text.ts', import.meta.url).href)};
const words = ${JSON.stringify([...WORDS, 'aa', 'ab', 'z', 't', 'y', 'i'])};
const ours = [...words].sort(compareText).join(' ');
const theirs = [...words].sort((a, b) => a.localeCompare(b)).join(' ');
if (ours !== theirs) throw new Error(ours + ' | ' + theirs);`;
    for (const LANG of ['', 'C.UTF-8', 'en_US.UTF-8', 'et_EE.UTF-8', 'da_DK.UTF-8', 'lt_LT.UTF-8']) {
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { PATH: process.env.PATH, LANG },
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, `LANG=${LANG}: ${run.stderr}`);
    }
  });

  it('takes the code-unit order only in C, POSIX and English locales', () => {
    assert.ok(plainLocale({}));
    assert.ok(plainLocale({ LANG: 'C.UTF-8' }));
    assert.ok(plainLocale({ LANG: 'en_US.UTF-8', LC_ALL: '' }));
    assert.ok(plainLocale({ LC_ALL: 'POSIX' }));
    assert.ok(!plainLocale({ LANG: 'et_EE.UTF-8' }));
    assert.ok(!plainLocale({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'da_DK.UTF-8' }));
    assert.ok(!plainLocale({ LC_ALL: 'en_US@collation=phonebook' }));
  });
});
