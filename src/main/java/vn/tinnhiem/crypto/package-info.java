/**
 * Ballot-secrecy cryptography: P-256 group arithmetic, exponential ElGamal, Chaum-Pedersen proofs,
 * k-of-n threshold sharing, share cards, the manifest hash and all canonical encodings.
 */
@org.jspecify.annotations.NullMarked
package vn.tinnhiem.crypto;
