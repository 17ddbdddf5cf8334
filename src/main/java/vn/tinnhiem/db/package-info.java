/**
 * The jOOQ classes generated at build time from db-migrations/. Open: each module reads and writes
 * only the tables it owns, through its own internal repositories.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package vn.tinnhiem.db;

import org.springframework.modulith.ApplicationModule;
