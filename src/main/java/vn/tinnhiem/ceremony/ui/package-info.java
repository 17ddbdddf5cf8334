/** The key ceremony's console screen. */
@org.jspecify.annotations.NullMarked
package vn.tinnhiem.ceremony.ui;
