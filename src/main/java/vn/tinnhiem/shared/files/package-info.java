/**
 * The kit for files and commands: strict reading of the small JSON files the offline laptop and the server
 * exchange, the outcome of reading one ({@link vn.tinnhiem.shared.files.FileResult}), a file read from disk
 * with a size limit, the command-line parsing of the laptop's commands, and SHA-256.
 *
 * <p>Format plumbing only, never protocol code: nothing here knows a curve, a ballot or a count, and it uses
 * no class of the app but {@code shared.i18n} (to say a refusal in words). That is what lets the independent
 * verifier use it and stay independent of the count and the crypto core ({@code VerifierIndependenceTests}).
 */
@org.jspecify.annotations.NullMarked
package vn.tinnhiem.shared.files;
