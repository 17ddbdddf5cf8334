package vn.tinnhiem.election;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.shared.database.RetriedWhenBusy;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.account.StaffAccount;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.election.internal.DemoConference;
import vn.tinnhiem.election.internal.ElectionRepository;
import vn.tinnhiem.election.internal.OpenGate;
import vn.tinnhiem.election.internal.RollImporter;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.Refusal;

/**
 * Sets up a conference. Everything the ballot depends on (details, candidates, roll, tellers, k) can
 * change only in DRAFT; each change locks the election row first so a concurrent status change cannot
 * slip between the check and the write. Every change is audited.
 */
@Service
@RetriedWhenBusy
public class ElectionService {

    static final int MAX_TITLE = 500;
    static final int MAX_FIELD = 300;
    static final int MAX_NAME = 200;
    static final int MAX_CANDIDATES = 200;

    private final ElectionRepository repository;
    private final AuditLog audit;
    private final Clock clock;
    private final AccountService accounts;
    private final OpenGate gate;

    ElectionService(ElectionRepository repository, AuditLog audit, Clock clock, AccountService accounts, OpenGate gate) {
        this.repository = repository;
        this.gate = gate;
        this.audit = audit;
        this.clock = clock;
        this.accounts = accounts;
    }

    // Reading. A supervisor reads only the conferences and their figures (board, attendance): never the
    // roll's names, the ballot's candidates, the set-up or anything of the count.

    /**
     * Every conference, its title and status. Still a supervisor's: no ballot, roll or result is in it, and
     * background readers of the live figures run with that role. A supervisor's home shows only
     * {@link #supervisedByCurrentSupervisor}.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER, Roles.SUPERVISOR})
    @Transactional(readOnly = true)
    public List<Election> list() {
        return repository.all();
    }

    @RolesAllowed({Roles.ADMIN, Roles.TELLER, Roles.SUPERVISOR})
    @Transactional(readOnly = true)
    public Optional<Election> find(long id) {
        return repository.find(id);
    }

    /**
     * The conference as an enrolled kiosk shows it (title, status). No staff role: a kiosk is an enrolled
     * device, not a staff session, so the kiosk module authorises its own caller (as for whileOpen).
     */
    @Transactional(readOnly = true)
    public Optional<Election> findForKiosk(long id) {
        return repository.find(id);
    }

    /**
     * The candidates on the ballot of a conference whose lists are fixed (not DRAFT), as a kiosk shows and seals
     * them. No staff role, as for {@link #findForKiosk}: the caller authorises the kiosk.
     */
    @Transactional(readOnly = true)
    public List<Candidate> ballotForKiosk(long electionId) {
        Election election = existing(electionId);
        if (election.status() == ElectionStatus.DRAFT) {
            throw new UserFacingException("election.error.notOpen", "status." + election.status().name());
        }
        return repository.candidates(electionId);
    }

    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public List<Candidate> candidates(long electionId) {
        return repository.candidates(electionId);
    }

    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public List<Voter> voters(long electionId) {
        return repository.voters(electionId);
    }

    /**
     * A page of the roll whose names contain the typed text, in roll order. Diacritics and case are
     * optional: "nguyen van" finds "Nguyễn Văn An", "duc" finds "Đức". Blank text: the whole roll.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public VoterPage searchVoters(long electionId, String text, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 500) {
            throw new IllegalArgumentException("offset " + offset + ", limit " + limit);
        }
        String folded = foldForSearch(text == null ? "" : text);
        return new VoterPage(repository.searchVoters(electionId, folded, offset, limit),
                repository.countVoters(electionId, folded));
    }

    /** Without diacritics, lower case, single spaces; đ as d (it has no decomposition to strip). */
    static String foldForSearch(String text) {
        String bare = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return bare.replace('đ', 'd').replace('Đ', 'd').toLowerCase(java.util.Locale.ROOT).strip()
                .replaceAll("\\s+", " ");
    }

    @RolesAllowed({Roles.ADMIN, Roles.TELLER, Roles.SUPERVISOR})
    @Transactional(readOnly = true)
    public List<Teller> tellers(long electionId) {
        return repository.tellers(electionId);
    }

    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public List<ChecklistItem> checklist(long electionId) {
        return repository.checklist(electionId);
    }

    // The conference itself.

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public long create(ElectionDetails details) {
        ElectionDetails clean = validate(details);
        long id = repository.insert(clean, 1);
        scheduleChecklist(id, clean.startsAt().toLocalDate());
        audit.record("election.create", subject(id), AuditFields.of("title", clean.title()));
        return id;
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void updateDetails(long electionId, ElectionDetails details) {
        editable(electionId);
        ElectionDetails clean = validate(details);
        repository.update(electionId, clean);
        scheduleChecklist(electionId, clean.startsAt().toLocalDate());
        audit.record("election.update", subject(electionId), AuditFields.of("title", clean.title())
                .with("kind", clean.ballotKind()).with("rules", clean.ruleSet()).with("at", clean.startsAt()));
    }

    /** A conference shaped like the district's plan, with invented names. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public long createDemo() {
        return createDemo(DemoKind.DISTRICT_COMMITTEE);
    }

    /** A demo conference of the given shape (the district's plan, or a commune People's Council), invented names. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public long createDemo(DemoKind kind) {
        var demo = DemoConference.build(kind, LocalDate.now(clock).plusDays(21));
        long id = create(demo.details());
        demo.candidates().forEach(c -> addCandidate(id, c.fullName(), c.jobTitle()));
        repository.insertVoters(id, 1, demo.voters());
        demo.tellers().forEach(t -> addTeller(id, t.fullName(), t.head()));
        setThreshold(id, demo.thresholdK());
        audit.record("election.demo", subject(id), AuditFields.of("voters", demo.voters().size()));
        return id;
    }

    /** Deletes a conference still in DRAFT, with everything in it; once READY it is part of the record. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void delete(long electionId) {
        Election election = repository.lock(electionId)
                .orElseThrow(() -> new UserFacingException("election.error.missing"));
        if (election.status() != ElectionStatus.DRAFT) {
            throw new UserFacingException("election.error.deleteNotDraft", "status." + election.status().name());
        }
        repository.delete(electionId);
        audit.record("election.delete", subject(electionId), AuditFields.of("title", election.title()));
    }

    // Candidates.

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void addCandidate(long electionId, String fullName, String jobTitle) {
        editable(electionId);
        String name = required(fullName, MAX_NAME, "candidate.error.name");
        String title = required(jobTitle, MAX_TITLE, "candidate.error.title");
        int count = repository.candidates(electionId).size();
        if (count >= MAX_CANDIDATES) {
            throw new UserFacingException("candidate.error.tooMany", MAX_CANDIDATES);
        }
        repository.insertCandidate(electionId, count + 1, name, title);
        audit.record("candidate.add", subject(electionId), AuditFields.of("ordinal", count + 1).with("name", name));
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void updateCandidate(long electionId, long candidateId, String fullName, String jobTitle) {
        editable(electionId);
        String name = required(fullName, MAX_NAME, "candidate.error.name");
        String title = required(jobTitle, MAX_TITLE, "candidate.error.title");
        if (repository.updateCandidate(electionId, candidateId, name, title) == 0) {
            throw new UserFacingException("candidate.error.missing");
        }
        audit.record("candidate.update", subject(electionId), AuditFields.of("candidate", candidateId).with("name", name));
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void removeCandidate(long electionId, long candidateId) {
        editable(electionId);
        if (repository.deleteCandidate(electionId, candidateId) == 0) {
            throw new UserFacingException("candidate.error.missing");
        }
        renumberCandidates(electionId, repository.candidates(electionId).stream().map(Candidate::id).toList());
        audit.record("candidate.remove", subject(electionId), AuditFields.of("candidate", candidateId));
    }

    /** Moves a candidate up (-1) or down (+1) the ballot. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void moveCandidate(long electionId, long candidateId, int delta) {
        editable(electionId);
        List<Long> order = new ArrayList<>(repository.candidates(electionId).stream().map(Candidate::id).toList());
        int from = order.indexOf(candidateId);
        if (from < 0) {
            throw new UserFacingException("candidate.error.missing");
        }
        int to = Math.max(0, Math.min(order.size() - 1, from + delta));
        order.add(to, order.remove(from));
        renumberCandidates(electionId, order);
        audit.record("candidate.move", subject(electionId), AuditFields.of("candidate", candidateId).with("to", to + 1));
    }

    private void renumberCandidates(long electionId, List<Long> order) {
        for (int i = 0; i < order.size(); i++) {
            repository.setCandidateOrdinal(electionId, order.get(i), i + 1);
        }
    }

    // The voter roll.

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void addVoter(long electionId, NewVoter voter) {
        editable(electionId);
        NewVoter clean = new NewVoter(required(voter.fullName(), MAX_NAME, "voter.error.name"),
                optional(voter.jobTitle(), MAX_TITLE), optional(voter.organisation(), MAX_TITLE));
        int count = repository.voterCount(electionId);
        repository.insertVoters(electionId, count + 1, List.of(clean));
        audit.record("voter.add", subject(electionId), AuditFields.of("ordinal", count + 1)
                .with("name", clean.fullName()));
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void removeVoter(long electionId, long voterId) {
        editable(electionId);
        if (repository.deleteVoter(electionId, voterId) == 0) {
            throw new UserFacingException("voter.error.missing");
        }
        List<Voter> rest = repository.voters(electionId);
        for (int i = 0; i < rest.size(); i++) {
            repository.setVoterOrdinal(rest.get(i).id(), i + 1);
        }
        audit.record("voter.remove", subject(electionId), AuditFields.of("voter", voterId));
    }

    /**
     * Replaces the roll with the file's rows, all or nothing: a single bad row leaves the roll as it
     * was and every bad row is reported.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public RollImportResult importRoll(long electionId, String fileName, byte[] content) {
        // Parse first: reading a large file must not hold the election's row lock.
        RollImporter.Parsed parsed = RollImporter.parse(fileName, content);
        editable(electionId);
        String fileHash = java.util.HexFormat.of().formatHex(sha256(content));
        if (!parsed.problems().isEmpty()) {
            // On the record even if the caller's transaction rolls back after this returns.
            audit.recordRefusal("voter.import.refused", subject(electionId),
                    AuditFields.of("file", fileName).with("sha256", fileHash)
                            .with("problems", parsed.problems().size()));
            return new RollImportResult(0, parsed.problems());
        }
        repository.deleteAllVoters(electionId);
        repository.insertVoters(electionId, 1, parsed.voters());
        audit.record("voter.import", subject(electionId), renumbered(AuditFields.of("file", fileName)
                .with("sha256", fileHash).with("rows", parsed.voters().size()), parsed.renumbered()));
        return new RollImportResult(parsed.voters().size(), List.of(), parsed.renumbered());
    }

    // The tally board.

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void addTeller(long electionId, String fullName, boolean head) {
        editable(electionId);
        String name = required(fullName, MAX_NAME, "teller.error.name");
        List<Teller> tellers = repository.tellers(electionId);
        if (tellers.size() >= 15) {
            throw new UserFacingException("teller.error.tooMany", 15);
        }
        repository.insertTeller(electionId, tellers.size() + 1, name, false);
        if (head || tellers.isEmpty()) {
            long id = repository.tellers(electionId).getLast().id();
            repository.setHead(electionId, id);
        }
        audit.record("teller.add", subject(electionId), AuditFields.of("seat", tellers.size() + 1).with("name", name));
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void removeTeller(long electionId, long tellerId) {
        Election election = editable(electionId);
        if (repository.deleteTeller(electionId, tellerId) == 0) {
            throw new UserFacingException("teller.error.missing");
        }
        List<Teller> rest = repository.tellers(electionId);
        // Seats are renumbered in two steps: the unique (election, seat) key forbids a swap in one.
        for (Teller t : rest) {
            repository.setTellerSeat(t.id(), 1000 + t.seat());
        }
        for (int i = 0; i < rest.size(); i++) {
            repository.setTellerSeat(rest.get(i).id(), i + 1);
        }
        if (!rest.isEmpty() && rest.stream().noneMatch(Teller::head)) {
            repository.setHead(electionId, rest.getFirst().id());
        }
        int k = Math.min(election.thresholdK(), Math.max(1, rest.size()));
        repository.setThreshold(electionId, k);
        audit.record("teller.remove", subject(electionId), AuditFields.of("teller", tellerId).with("k", k)
                .with("n", rest.size()));
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void setHeadTeller(long electionId, long tellerId) {
        editable(electionId);
        if (repository.tellers(electionId).stream().noneMatch(t -> t.id() == tellerId)) {
            throw new UserFacingException("teller.error.missing");
        }
        repository.setHead(electionId, tellerId);
        audit.record("teller.head", subject(electionId), AuditFields.of("teller", tellerId));
    }

    /**
     * Ties a seat to the TELLER account of the person who sits there (or unties it, with an empty name).
     * Allowed while the lists can change and until the election key is made: the key is dealt to these
     * seats. The seat list itself (names, head, k) stays DRAFT-only.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void setSeatAccount(long electionId, long tellerId, Optional<String> username) {
        Election election = repository.lock(electionId)
                .orElseThrow(() -> new UserFacingException("election.error.missing"));
        boolean keyMade = repository.milestones(electionId).containsKey(Milestone.KEY_MADE);
        if (!(election.status() == ElectionStatus.DRAFT || election.status() == ElectionStatus.READY) || keyMade) {
            throw new UserFacingException("teller.error.seatLocked", "status." + election.status().name());
        }
        List<Teller> board = repository.tellers(electionId);
        Teller seat = board.stream().filter(t -> t.id() == tellerId).findFirst()
                .orElseThrow(() -> new UserFacingException("teller.error.missing"));
        if (username.isPresent()) {
            StaffAccount account = accounts.find(username.get())
                    .filter(a -> a.role() == Role.TELLER && a.enabled())
                    .orElseThrow(() -> new UserFacingException("teller.error.notATeller", username.get()));
            if (board.stream().anyMatch(t -> t.id() != tellerId && t.account().equals(username))) {
                throw new UserFacingException("teller.error.alreadySeated", account.username());
            }
        }
        repository.setTellerAccount(electionId, tellerId, username);
        audit.record("teller.account", subject(electionId), AuditFields.of("seat", seat.seat())
                .with("account", username.orElse("-")));
    }

    /** The conferences on whose tally board the signed-in teller sits. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public List<Election> boardsOfCurrentTeller() {
        List<Long> mine = CurrentStaff.username().map(repository::boardsOf).orElse(List.of());
        return repository.all().stream().filter(e -> mine.contains(e.id())).toList();
    }

    // The supervisors, named in the set-up like the board's seats: they watch the live figures of these
    // conferences only.

    /** The user names of the SUPERVISOR accounts named for the conference, in alphabetical order. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional(readOnly = true)
    public List<String> supervisors(long electionId) {
        existing(electionId);
        return repository.supervisors(electionId);
    }

    /**
     * Names an enabled SUPERVISOR account for the conference, in any status until it is TALLIED (a supervisor
     * may be found on the morning of the conference; after the count there is nothing left to watch).
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void addSupervisor(long electionId, String username) {
        supervisorsOpen(electionId);
        String name = username == null ? "" : username.strip();
        if (name.isEmpty()) {
            throw new UserFacingException("supervisor.error.choose");
        }
        StaffAccount account = accounts.find(name).filter(a -> a.role() == Role.SUPERVISOR && a.enabled())
                .orElseThrow(() -> new UserFacingException("supervisor.error.notASupervisor", name));
        if (!repository.insertSupervisor(electionId, account.username())) {
            throw new UserFacingException("supervisor.error.already", account.username());
        }
        audit.record("supervisor.add", subject(electionId), AuditFields.of("account", account.username()));
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void removeSupervisor(long electionId, String username) {
        supervisorsOpen(electionId);
        if (repository.deleteSupervisor(electionId, username) == 0) {
            throw new UserFacingException("supervisor.error.missing", username);
        }
        audit.record("supervisor.remove", subject(electionId), AuditFields.of("account", username));
    }

    private static AuditFields renumbered(AuditFields fields, boolean renumbered) {
        return renumbered ? fields.with("renumbered", true) : fields;
    }

    private void supervisorsOpen(long electionId) {
        Election election = repository.lock(electionId)
                .orElseThrow(() -> new UserFacingException("election.error.missing"));
        if (election.status() == ElectionStatus.TALLIED) {
            throw new UserFacingException("supervisor.error.locked", "status." + election.status().name());
        }
    }

    /**
     * Whether the signed-in staff member may watch this conference's live figures: the organiser, or a
     * SUPERVISOR named for it. The supervision screens ask this before they show anything; false for a
     * conference that does not exist, a teller, or a supervisor named for other conferences only.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER, Roles.SUPERVISOR})
    @Transactional(readOnly = true)
    public boolean maySupervise(long electionId) {
        if (repository.find(electionId).isEmpty()) {
            return false;
        }
        if (CurrentStaff.hasRole(Roles.ADMIN)) {
            return true;
        }
        return CurrentStaff.hasRole(Roles.SUPERVISOR) && CurrentStaff.username()
                .map(repository::supervisedBy).orElse(List.of()).contains(electionId);
    }

    /** The conferences the signed-in supervisor is named for, in the order of {@link #list}. */
    @RolesAllowed(Roles.SUPERVISOR)
    @Transactional(readOnly = true)
    public List<Election> supervisedByCurrentSupervisor() {
        List<Long> mine = CurrentStaff.username().map(repository::supervisedBy).orElse(List.of());
        return repository.all().stream().filter(e -> mine.contains(e.id())).toList();
    }

    // The desk: who is present. Roll data, kept apart from the cards: nothing ties a tick to a card.

    /**
     * The roll at the desk: voters whose name contains the text (diacritics optional, as
     * {@link #searchVoters}), each ticked present or not, and the present count of the whole roll. For the
     * organiser (the desk read only) and the tellers on this conference's board: a teller of another board is
     * refused (the desk does not open for them, and its search finds nobody), and the refusal is on the record.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public DeskRoll deskRoll(long electionId, String text, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 500) {
            throw new IllegalArgumentException("offset " + offset + ", limit " + limit);
        }
        existing(electionId);
        if (!CurrentStaff.hasRole(Roles.ADMIN)) {
            Optional<String> me = CurrentStaff.username();
            if (me.isEmpty() || !repository.boardsOf(me.get()).contains(electionId)) {
                // What was searched is not written: a name typed at the wrong desk stays off the record.
                audit.recordRefusal("desk.refused", subject(electionId), AuditFields.of("action", "roll")
                        .with("reason", "notOnBoard"));
                throw new UserFacingException("desk.error.notOnBoard");
            }
        }
        String folded = foldForSearch(text == null ? "" : text);
        return new DeskRoll(repository.searchRollEntries(electionId, folded, offset, limit),
                repository.countVoters(electionId, folded), repository.voterCount(electionId),
                repository.presentCount(electionId));
    }

    /**
     * Ticks a voter present at the desk (or takes the tick back), by a teller on this conference's board,
     * while the conference is READY (the quorum is counted before the polls open) or OPEN. Not audited one by
     * one (only a refusal is): the count of those present is anchored at intervals instead. Nothing here is
     * about a card: the card is activated in a separate step that names no voter.
     */
    @RolesAllowed(Roles.TELLER)
    @Transactional
    public void markPresent(long electionId, long voterId, boolean present) {
        // Share mode, like a cast: ticks go on side by side, and closing waits for them. The lock comes first,
        // so that a tick is either in what the close freezes or refused after it.
        Election election = repository.lockShared(electionId)
                .orElseThrow(() -> new UserFacingException("election.error.missing"));
        Optional<String> me = CurrentStaff.username();
        if (me.isEmpty() || !repository.boardsOf(me.get()).contains(electionId)) {
            audit.recordRefusal("voter.presenceRefused", subject(electionId), AuditFields.of("voter", voterId)
                    .with("reason", "notOnBoard"));
            throw new UserFacingException("desk.error.notOnBoard");
        }
        if (election.status() != ElectionStatus.READY && election.status() != ElectionStatus.OPEN) {
            throw new UserFacingException("desk.error.presenceStatus", "status." + election.status().name());
        }
        if (repository.setPresent(electionId, voterId, present) == 0) {
            boolean onRoll = repository.voters(electionId).stream().anyMatch(v -> v.id() == voterId);
            throw new UserFacingException(!onRoll ? "voter.error.missing"
                    : present ? "desk.error.alreadyPresent" : "desk.error.notPresent");
        }
        // No audit entry per tick: a per-voter row written next to each card's activation would link the two in
        // the database's logs. The quorum needs counts, and the desk's counts are anchored in the audit chain at
        // intervals and at the close (count.DeskCounts), so a tick changed behind the desk's back is still seen.
    }

    /** How many tellers must bring their share cards to unseal: 1 <= k <= n. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void setThreshold(long electionId, int k) {
        editable(electionId);
        int n = repository.tellers(electionId).size();
        if (k < 1 || k > Math.max(1, n)) {
            throw new UserFacingException("teller.error.threshold", k, n);
        }
        repository.setThreshold(electionId, k);
        audit.record("teller.threshold", subject(electionId), AuditFields.of("k", k).with("n", n));
    }

    // The checklist: ticked off by hand, in any status.

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void setChecklistDone(long electionId, ChecklistStep step, boolean done) {
        existing(electionId);
        String by = CurrentStaff.username().orElse("system");
        repository.setChecklistDone(electionId, step, done ? Optional.of(clock.instant()) : Optional.empty(),
                done ? Optional.of(by) : Optional.empty());
        audit.record(done ? "checklist.done" : "checklist.undone", subject(electionId), AuditFields.of("step", step));
    }

    /** Voters summoned and present now, and so whether the quorum is met. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER, Roles.SUPERVISOR})
    @Transactional(readOnly = true)
    public Attendance attendance(long electionId) {
        existing(electionId);
        return new Attendance(repository.voterCount(electionId), repository.presentCount(electionId));
    }

    // The lifecycle.

    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public List<Refusal> refusalsFor(long electionId, ElectionStatus target) {
        Election election = existing(electionId);
        return refusals(election, target);
    }

    /** DRAFT and READY are the organiser's; opening, closing and counting belong to the tally board. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional
    public void moveTo(long electionId, ElectionStatus target) {
        boolean organisersMove = target == ElectionStatus.DRAFT || target == ElectionStatus.READY;
        if (!CurrentStaff.hasRole(organisersMove ? Roles.ADMIN : Roles.TELLER)) {
            throw refused(electionId, target, List.of(Refusal.of(
                    organisersMove ? "lifecycle.refuse.organiserOnly" : "lifecycle.refuse.tellersOnly")));
        }
        Election election = repository.lock(electionId).orElseThrow(() -> new UserFacingException("election.error.missing"));
        List<Refusal> refusals = refusals(election, target);
        if (!refusals.isEmpty()) {
            throw refused(electionId, target, refusals);
        }
        LocalDateTime changedAt = repository.setStatus(electionId, target);
        if (target == ElectionStatus.OPEN) {
            gate.open(electionId);
        }
        // Back to DRAFT the lists may change: the key made for them, and every card printed for it, is void.
        String voidedKey = target == ElectionStatus.DRAFT ? repository.milestones(electionId).get(Milestone.KEY_MADE) : null;
        if (voidedKey != null) {
            repository.deleteMilestone(electionId, Milestone.KEY_MADE);
        }
        // The row's exact moment of change too: a status written later by SQL cannot match it (auditedLifecycle).
        audit.record("election.status", subject(electionId), AuditFields.of("from", election.status())
                .with("to", target).with("changedAt", changedAt));
        if (voidedKey != null) {
            audit.record("election.keyVoided", subject(electionId), AuditFields.of("digest", voidedKey));
        }
        audit.anchorAfterCommit("election.status." + target);
    }

    /** The refusal goes on the record even though this transaction is about to roll back. */
    private LifecycleRefusedException refused(long electionId, ElectionStatus target, List<Refusal> refusals) {
        audit.recordRefusal("election.statusRefused", subject(electionId), AuditFields.of("to", target)
                .with("reasons", String.join(",", refusals.stream().map(Refusal::key).toList())));
        return new LifecycleRefusedException(refusals);
    }

    /**
     * The tally board's steps (open, close, finish the count) are taken by a teller who sits on this
     * conference's board, never by a teller of another; and the polls open only when every seat is tied
     * to its teller's account, since each seat's key share goes to that person alone.
     */
    private static List<Refusal> boardRefusals(List<Teller> board, ElectionStatus target) {
        if (target != ElectionStatus.OPEN && target != ElectionStatus.CLOSED && target != ElectionStatus.TALLIED) {
            return List.of();
        }
        List<Refusal> refusals = new ArrayList<>();
        if (target == ElectionStatus.OPEN && board.stream().anyMatch(t -> t.account().isEmpty())) {
            refusals.add(Refusal.of("lifecycle.refuse.seatsWithoutAccount"));
        }
        Optional<String> me = CurrentStaff.username();
        if (CurrentStaff.hasRole(Roles.TELLER) && board.stream().noneMatch(t -> t.account().equals(me))) {
            refusals.add(Refusal.of("lifecycle.refuse.notOnBoard"));
        }
        return refusals;
    }

    /** Every reason the step is refused now: the lifecycle's rules, then the tally board's seats. */
    private List<Refusal> refusals(Election election, ElectionStatus target) {
        List<Teller> board = repository.tellers(election.id());
        List<Refusal> refusals = new ArrayList<>(LifecycleRules.refusals(election.status(), target,
                facts(election, board)));
        refusals.addAll(boardRefusals(board, target));
        return refusals;
    }

    private LifecycleRules.Facts facts(Election election, List<Teller> tellers) {
        long id = election.id();
        Map<Milestone, String> reported = repository.milestones(id);
        return new LifecycleRules.Facts(repository.candidates(id).size(), repository.voterCount(id), tellers.size(),
                (int) tellers.stream().filter(Teller::head).count(), election.thresholdK(),
                reported.containsKey(Milestone.KEY_MADE), reported.containsKey(Milestone.COUNTED));
    }

    /**
     * The conference's lifecycle as the table holds it, compared with its audited history (the chain's
     * {@code election.status}, {@code election.milestone} and {@code election.keyVoided} entries about it): each
     * step must start where the last ended along a move the lifecycle allows, the table's status must be the last
     * audited one and its row must have last changed then, and the milestones must be the audited ones. A status
     * or milestone written by SQL, with no entry, shows here. Empty when they agree.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public List<LifecycleMismatch> auditedLifecycle(long electionId) {
        Election election = existing(electionId);
        List<LifecycleMismatch> found = new ArrayList<>();
        ElectionStatus audited = ElectionStatus.DRAFT;
        @Nullable Instant lastMove = null;
        String lastStamp = "";
        Map<Milestone, String> milestones = new java.util.EnumMap<>(Milestone.class);
        for (var e : audit.history(subject(electionId), List.of("election.status", "election.milestone",
                "election.keyVoided"))) {
            var fields = e.fields();
            switch (e.action()) {
                case "election.status" -> {
                    String from = fields.get("from").orElse("");
                    String to = fields.get("to").orElse("");
                    ElectionStatus target = statusOrNull(to);
                    if (!from.equals(audited.name()) || target == null || !audited.next().contains(target)) {
                        found.add(new LifecycleMismatch("history", "#" + e.id() + " " + from + "->" + to,
                                audited.name() + "->" + audited.next()));
                    }
                    if (target != null) {
                        audited = target;
                    }
                    lastMove = e.occurredAt();
                    lastStamp = fields.get("changedAt").orElse("");
                }
                case "election.milestone" -> fields.get("milestone").map(ElectionService::milestoneOrNull)
                        .ifPresent(m -> milestones.put(m, fields.get("digest").orElse("")));
                default -> milestones.remove(Milestone.KEY_MADE);
            }
        }
        if (election.status() != audited) {
            found.add(new LifecycleMismatch("status", election.status().name(), audited.name()));
        }
        if (lastMove != null) {
            LocalDateTime row = repository.updatedAt(electionId).orElseThrow();
            Instant changed = row.toInstant(ZoneOffset.UTC);
            // The entry carries the row's exact moment; an entry written before it did is held to within a few
            // seconds of its own time (the row and the entry are written in one transaction, milliseconds apart).
            boolean same = lastStamp.isEmpty()
                    ? Duration.between(changed, lastMove).abs().compareTo(Duration.ofSeconds(5)) <= 0
                    : row.equals(parsedOrNull(lastStamp));
            if (!same) {
                found.add(new LifecycleMismatch("changedAt", row.toString(), lastStamp.isEmpty()
                        ? LocalDateTime.ofInstant(lastMove, ZoneOffset.UTC).toString() : lastStamp));
            }
        }
        Map<Milestone, String> table = repository.milestones(electionId);
        for (Milestone m : Milestone.values()) {
            String inTable = table.getOrDefault(m, "");
            String inChain = milestones.getOrDefault(m, "");
            if (!inTable.equals(inChain)) {
                found.add(new LifecycleMismatch("milestone." + m.name(), inTable, inChain));
            }
        }
        return found;
    }

    private static @Nullable LocalDateTime parsedOrNull(String stamp) {
        try {
            return LocalDateTime.parse(stamp);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable ElectionStatus statusOrNull(String name) {
        try {
            return ElectionStatus.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable Milestone milestoneOrNull(String name) {
        try {
            return Milestone.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // What other modules report (the key made, the polls closed, the count done), and their work while OPEN.

    /** The milestones reported so far, each with its digest. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public Map<Milestone, String> milestones(long electionId) {
        existing(electionId);
        return repository.milestones(electionId);
    }

    /**
     * The key ceremony made the election key for this READY conference; {@code manifestHash} (64 hex) binds
     * the key to the lists. From now on the conference may open and may not go back to DRAFT until the key
     * is {@link #voidKey voided}. Joins the caller's transaction.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional
    public void recordKeyMade(long electionId, String manifestHash) {
        reportMilestone(electionId, Milestone.KEY_MADE, ElectionStatus.READY, manifestHash);
    }

    /**
     * Forgets the key of a READY conference (a ceremony to be run again, or lists to be corrected): the
     * polls can no longer open with it, and the organiser may take the conference back to DRAFT.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional
    public void voidKey(long electionId) {
        lockedIn(electionId, ElectionStatus.READY);
        String manifestHash = repository.milestones(electionId).get(Milestone.KEY_MADE);
        if (manifestHash == null) {
            throw new UserFacingException("milestone.error.missing", "milestone." + Milestone.KEY_MADE.name());
        }
        repository.deleteMilestone(electionId, Milestone.KEY_MADE);
        audit.record("election.keyVoided", subject(electionId), AuditFields.of("digest", manifestHash));
    }

    /** The polls are CLOSED and the ballot box is sealed; {@code boxDigest} (64 hex) pins what it holds. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional
    public void recordPollsClosed(long electionId, String boxDigest) {
        reportMilestone(electionId, Milestone.POLLS_CLOSED, ElectionStatus.CLOSED, boxDigest);
    }

    /** The count of a CLOSED conference is done; {@code resultsDigest} (64 hex) pins the results. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional
    public void recordCounted(long electionId, String resultsDigest) {
        reportMilestone(electionId, Milestone.COUNTED, ElectionStatus.CLOSED, resultsDigest);
    }

    private void reportMilestone(long electionId, Milestone milestone, ElectionStatus required, String digest) {
        if (digest == null || !digest.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("A milestone's digest is 64 lower-case hex characters");
        }
        lockedIn(electionId, required);
        if (repository.milestones(electionId).containsKey(milestone)) {
            throw new UserFacingException("milestone.error.already", "milestone." + milestone.name());
        }
        repository.insertMilestone(electionId, milestone, digest);
        audit.record("election.milestone", subject(electionId), AuditFields.of("milestone", milestone)
                .with("digest", digest));
    }

    /**
     * Takes the conference's row lock for update as the first statement of the caller's transaction and returns
     * the conference as it stands then: what the caller reads afterwards includes every cast, tick and activation
     * that committed while it waited (take the lock, then read what you freeze; see {@code LockFirst}).
     *
     * <p>While the polls are OPEN (the close) it also writes every row of the conference's {@link OpenGate}, before
     * any plain read fixes the snapshot: on a Galera cluster the row lock holds on this node only, and it is these
     * writes that make a cast through another node either land before this snapshot or conflict with this
     * transaction (error 1213: one of the two is retried and sees the other).
     *
     * @throws IllegalStateException if the caller's transaction already ran a statement
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Election lockFirst(long electionId) {
        Election election = repository.lock(electionId).orElseThrow(() -> new UserFacingException("election.error.missing"));
        if (election.status() == ElectionStatus.OPEN) {
            gate.shut(electionId);
        }
        return election;
    }

    /** Locks the row for update (after any cast in flight) and checks the status. */
    private Election lockedIn(long electionId, ElectionStatus required) {
        Election election = repository.lock(electionId)
                .orElseThrow(() -> new UserFacingException("election.error.missing"));
        if (election.status() != required) {
            throw new UserFacingException("milestone.error.status", "status." + election.status().name());
        }
        return election;
    }

    /**
     * Runs {@code work} in the caller's transaction while the polls are OPEN: the election row is locked in
     * share mode until that transaction ends, and closing takes it for update, so a cast is either wholly in
     * before the close commits or refused after it; never half, never after. Casts do not wait on each
     * other. The caller authorises its own caller (a kiosk is not a staff session), and its work must not
     * write the election row (that would turn two casts' share locks into a deadlock) nor the audit log.
     * Its last write is one row of the conference's {@link OpenGate}, which the close writes whole: on a Galera
     * cluster, where the share lock holds on one node only, that is what makes a cast through another node
     * conflict with a concurrent close at certification instead of slipping past it.
     *
     * @throws UserFacingException {@code election.error.notOpen} when the conference is not OPEN
     */
    @Transactional
    public <T> T whileOpen(long electionId, Supplier<T> work) {
        Election election = repository.lockShared(electionId)
                .orElseThrow(() -> new UserFacingException("election.error.missing"));
        if (election.status() != ElectionStatus.OPEN) {
            throw new UserFacingException("election.error.notOpen", "status." + election.status().name());
        }
        T result = work.get();
        gate.passThrough(electionId);
        return result;
    }

    // Guards and validation.

    private Election existing(long electionId) {
        return repository.find(electionId).orElseThrow(() -> new UserFacingException("election.error.missing"));
    }

    private Election editable(long electionId) {
        Election election = repository.lock(electionId)
                .orElseThrow(() -> new UserFacingException("election.error.missing"));
        if (!election.status().isEditable()) {
            throw new UserFacingException("election.error.locked", "status." + election.status().name());
        }
        return election;
    }

    private void scheduleChecklist(long electionId, LocalDate conference) {
        for (ChecklistStep step : ChecklistStep.values()) {
            repository.putChecklistDue(electionId, step, conference.plusDays(step.daysFromConference()));
        }
    }

    private static ElectionDetails validate(ElectionDetails d) {
        if (d.startsAt() == null) {
            throw new UserFacingException("election.error.date");
        }
        String title = required(d.title(), MAX_TITLE, "election.error.title");
        String body = required(d.body(), MAX_FIELD, "election.error.body");
        // The legal basis is never assumed: the minutes cite it.
        if (d.ruleSet() == null) {
            throw new UserFacingException("election.error.ruleSet");
        }
        if (d.ballotKind() == null) {
            throw new UserFacingException("election.error.ballotKind");
        }
        return new ElectionDetails(title, body, optional(d.place(), MAX_FIELD),
                d.startsAt().withSecond(0).withNano(0), d.ballotKind(), d.ruleSet());
    }

    private static String required(String value, int max, String key) {
        String v = optional(value, max);
        if (v.isEmpty()) {
            throw new UserFacingException(key);
        }
        return v;
    }

    /** Trimmed and composed (NFC); no control or invisible formatting characters; not too long. */
    private static String optional(String value, int max) {
        String v = value == null ? "" : java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFC).strip();
        if (v.length() > max) {
            throw new UserFacingException("common.error.tooLong", max);
        }
        if (RollImporter.hasHiddenCharacters(v)) {
            throw new UserFacingException("common.error.hiddenCharacters");
        }
        return v;
    }

    private static byte[] sha256(byte[] content) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String subject(long electionId) {
        return "election:" + electionId;
    }
}
