/**
 * What every module may use: the embedded database, i18n, the shell layout, user-facing errors.
 * An open module: its sub-packages are shared on purpose.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package vn.tinnhiem.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
