/**
 * Where a visit of a link goes when the link has targeting rules or an A/B test: {@link
 * LinkRouting} evaluates a link's {@link Routing} against a {@link Visit}. The same evaluation runs
 * in the edge Worker ({@code packages/kv-record/src/rules.ts}); both are held to one file of test
 * vectors ({@code packages/kv-record/contract/fixtures/link-rules.json}).
 */
package dev.smo1.link.rules;
