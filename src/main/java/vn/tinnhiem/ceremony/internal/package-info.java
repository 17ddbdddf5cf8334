/** The ceremony's tables and the dealings in progress. */
@org.jspecify.annotations.NullMarked
package vn.tinnhiem.ceremony.internal;
