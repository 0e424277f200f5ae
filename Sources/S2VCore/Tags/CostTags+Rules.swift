extension CostTags {
    /// What a tag may be. Keys are short lowercase identifiers, so that `tag:project` names one thing in every
    /// report; values are short and printable without quoting in CSV, headers and Prometheus labels.
    public enum Rules {
        /// Tags on one call, the key's and the request's together.
        public static let maxTags = 10
        public static let maxKeyLength = 32
        public static let maxValueLength = 64

        /// A key: a lowercase letter, then lowercase letters, digits, `_`, `.` or `-`.
        static func isKeyCharacter(_ character: Character, first: Bool) -> Bool {
            guard character.isASCII else { return false }
            if character.isLowercase { return true }
            return !first && (character.isNumber || "_.-".contains(character))
        }

        /// A value: letters, digits and `_ . : / @ + -`.
        static func isValueCharacter(_ character: Character) -> Bool {
            character.isASCII && (character.isLetter || character.isNumber || "_.:/@+-".contains(character))
        }

        /// Refuses a tag key that breaks the rules, saying what a key may be. Reports, required keys and tag
        /// budgets name keys too, and check them here.
        public static func check(key: String) throws(DomainError) {
            guard !key.isEmpty, key.count <= Self.maxKeyLength,
                key.enumerated().allSatisfy({ Self.isKeyCharacter($0.element, first: $0.offset == 0) })
            else {
                throw .invalid(
                    "The tag key '\(key.prefix(Self.maxKeyLength + 8))' is not valid: 1 to \(Self.maxKeyLength) characters, "
                        + "a lowercase letter first, then lowercase letters, digits, '_', '.' or '-'."
                )
            }
        }

        static func check(key: String, value: String) throws(DomainError) {
            try Self.check(key: key)
            guard !value.isEmpty, value.count <= Self.maxValueLength, value.allSatisfy(Self.isValueCharacter) else {
                throw .invalid(
                    "The value of tag '\(key)' is not valid: 1 to \(Self.maxValueLength) characters among letters, "
                        + "digits and _ . : / @ + -."
                )
            }
        }
    }
}
