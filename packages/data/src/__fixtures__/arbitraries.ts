// fast-check generators shared by the tokenizer tests.
import fc from 'fast-check';

/** Arbitrary JS strings: any UTF-16 code units (lone surrogates and pairs), any code points (astral plane), and a mix. */
export const anyJsString = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((units) => String.fromCharCode(...units)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom('\uD800', '\uDFFF', '\uD83D\uDE00', 'a', ' ', 'é', '\uDBFF', "'s", '12'), { maxLength: 20 }).map((p) => p.join('')),
);
