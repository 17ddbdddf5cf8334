/**
 * Internals of the crypto module: fixed-base tables, multi-scalar multiplication, byte layouts.
 * Not for use outside {@code vn.tinnhiem.crypto}.
 */
@org.jspecify.annotations.NullMarked
package vn.tinnhiem.crypto.internal;
