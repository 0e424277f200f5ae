/// What a ledger row records (`ledger_entries.kind`): a charge for a face detect, and the hold, then capture or
/// release, of a generation task. The column's `CHECK` lists exactly these; `StoredStateTests` compares them.
public enum LedgerEntryKind: String, CaseIterable, Sendable {
    case charge
    case hold
    case capture
    case release
}
