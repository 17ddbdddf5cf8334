package vn.tinnhiem.crypto;

/** An exponential ElGamal ciphertext (alpha, beta) = (rG, tG + rK). */
public record Ciphertext(Point alpha, Point beta) {}
