/// A card is stored as JSON text under the names the API shows (GRDB encodes a Codable
/// property as JSON); rows written before the holder was kept with payments read it as "".
extension CardDetails: Codable {
    enum CodingKeys: String, CodingKey {
        case brand, country, issuer, holder
        case lastFour = "last_four_digits"
        case expiration = "card_expiration"
        case classification = "card_classification"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(brand: try container.decode(String.self, forKey: .brand),
                  lastFour: try container.decode(String.self, forKey: .lastFour),
                  expiration: try container.decode(String.self, forKey: .expiration),
                  holder: try container.decodeIfPresent(String.self, forKey: .holder) ?? "")
        classification = try container.decodeIfPresent(String.self, forKey: .classification) ?? classification
        country = try container.decodeIfPresent(String.self, forKey: .country) ?? country
        issuer = try container.decodeIfPresent(String.self, forKey: .issuer) ?? issuer
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(classification, forKey: .classification)
        try container.encode(lastFour, forKey: .lastFour)
        try container.encode(expiration, forKey: .expiration)
        try container.encode(country, forKey: .country)
        try container.encode(brand, forKey: .brand)
        try container.encode(issuer, forKey: .issuer)
        try container.encode(holder, forKey: .holder)
    }
}
