/// The recipients every sandbox database starts with (issue 2): Flywire University in the
/// US, with a required field and amount limits, and one recipient in each of Spain (EUR),
/// Japan (JPY, no subunits) and Bahrain (BHD, three decimals).
enum SeedRecipients {
    struct Field {
        let id: String
        let label: String
        let required: Bool
    }

    struct Recipient {
        let id: String
        let name: String
        let country: String
        let currency: String
        let minimumAmount: Int64
        let maximumAmount: Int64
        let fields: [Field]
    }

    /// Added later (its own migration): the recipient of seed 003's pre-authorization example,
    /// a hotel billing in GBP, so that a GB card is a same-currency payment.
    static let lodging = Recipient(id: "FLW", name: "Flywire Hotels London", country: "GB", currency: "GBP",
                                   minimumAmount: 1_000, maximumAmount: 5_000_000,
                                   fields: [Field(id: "custom_field_1", label: "Booking number", required: true),
                                            Field(id: "custom_field_2", label: "Year", required: false)])

    static let all: [Recipient] = [
        Recipient(id: "FWU", name: "Flywire University", country: "US", currency: "USD",
                  minimumAmount: 5_000, maximumAmount: 5_000_000,
                  fields: [Field(id: "custom_field_1", label: "Student ID", required: true),
                           Field(id: "custom_field_2", label: "Year of enrolment", required: false)]),
        Recipient(id: "ETM", name: "Escuela Técnica de Madrid", country: "ES", currency: "EUR",
                  minimumAmount: 2_000, maximumAmount: 3_000_000,
                  fields: [Field(id: "student_number", label: "Número de estudiante", required: true)]),
        Recipient(id: "TKU", name: "Tokyo Kokusai University", country: "JP", currency: "JPY",
                  minimumAmount: 5_000, maximumAmount: 10_000_000,
                  fields: [Field(id: "student_id", label: "Student ID", required: false)]),
        Recipient(id: "BHU", name: "Bahrain University of Technology", country: "BH", currency: "BHD",
                  minimumAmount: 10_000, maximumAmount: 2_000_000,
                  fields: [Field(id: "cpr_number", label: "CPR number", required: true)]),
    ]
}
