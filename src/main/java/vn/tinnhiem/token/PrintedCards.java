package vn.tinnhiem.token;

/**
 * A batch of new cards as an A4 PDF to print at once: the tokens exist nowhere else (only their keyed
 * hashes are stored), so the file must not be kept once printed.
 */
public record PrintedCards(byte[] pdf, int count) {
}
