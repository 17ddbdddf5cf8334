package vn.tinnhiem.ceremony.internal;

import vn.tinnhiem.shared.files.StrictJson;

/** The ceremony's small JSON files (the request, the election key file), read strictly by the kit. */
public final class CeremonyFiles {

    /** No ceremony file comes near 1 MB; anything larger is refused before it is parsed. */
    public static final StrictJson JSON = new StrictJson("ceremony.file", 1024 * 1024);

    private CeremonyFiles() {
    }
}
