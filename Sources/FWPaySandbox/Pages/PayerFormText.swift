/// The payer's form in the session's `options.form.locale`: English, Spanish and French are
/// translated; other locales of seed 003's table fall back to English.
struct PayerFormText: Sendable {
    /// The page's `lang` attribute.
    let language: String
    let strings: [String: String]

    init(locale: String?) {
        switch locale?.prefix(2) {
        case "es"?: language = "es"; strings = Self.spanish
        case "fr"?: language = "fr"; strings = Self.french
        default: language = "en"; strings = Self.english
        }
    }

    subscript(_ key: String) -> String { strings[key] ?? Self.english[key] ?? key }

    /// The submit button: `action_button` save, next or pay, translated; any other text as given.
    func actionLabel(_ button: String?) -> String {
        switch button {
        case nil, "pay"?: self["pay"]
        case "save"?: self["save"]
        case "next"?: self["next"]
        case let custom?: custom
        }
    }

    /// The payer fields' labels, and the messages of `PayerForm.errors` the payer may see.
    func message(_ english: String) -> String { strings["error: " + english] ?? english }

    static let english: [String: String] = [
        "title": "Payment", "heading": "Payment to", "amountDue": "Amount due", "skip": "Skip to the form",
        "payer": "Your information", "card": "Card", "first_name": "First name", "last_name": "Last name",
        "email": "Email", "country": "Country", "state": "State or province (where your country has them)", "card_holder": "Name on the card", "card_number": "Card number",
        "card_expiration": "Expiry date (MM/YY)", "cvv": "Security code (CVV)", "pay": "Pay", "save": "Save", "next": "Next",
        "fixErrors": "Please correct the fields below:", "testCards": "Sandbox test cards",
        "holderOutcomes": "Card holder names that choose the outcome",
        "sentTitle": "Details sent", "sentBody": "Your details were sent. The merchant now confirms the payment.",
        "sentEmbedded": "The page that embeds this form has been told.", "confirmURL": "Confirm URL", "method": "Method",
        "expiredTitle": "Session expired", "expiredBody": "This checkout session has expired. Ask the merchant for a new link.",
        "usedTitle": "Already sent", "usedBody": "The details for this checkout session have already been sent.",
        "missingTitle": "Session not found", "missingBody": "There is no checkout session at this address. Check the link you were given.",
        "cvvHint": "3 digits (4 for Amex)", "cardHint": "A sandbox test card, such as 4111 1111 1111 1111",
    ]

    static let spanish: [String: String] = [
        "title": "Pago", "heading": "Pago a", "amountDue": "Importe a pagar", "skip": "Ir al formulario",
        "payer": "Sus datos", "card": "Tarjeta", "first_name": "Nombre", "last_name": "Apellidos",
        "email": "Correo electrónico", "country": "País", "state": "Estado o provincia (si su país los tiene)", "card_holder": "Titular de la tarjeta", "card_number": "Número de tarjeta",
        "card_expiration": "Caducidad (MM/AA)", "cvv": "Código de seguridad (CVV)", "pay": "Pagar", "save": "Guardar", "next": "Siguiente",
        "fixErrors": "Corrija los campos siguientes:", "testCards": "Tarjetas de prueba del sandbox",
        "holderOutcomes": "Titulares que eligen el resultado",
        "sentTitle": "Datos enviados", "sentBody": "Sus datos se han enviado. El comercio confirmará ahora el pago.",
        "sentEmbedded": "Se ha avisado a la página que contiene este formulario.", "confirmURL": "URL de confirmación", "method": "Método",
        "expiredTitle": "Sesión caducada", "expiredBody": "Esta sesión de pago ha caducado. Pida un enlace nuevo al comercio.",
        "usedTitle": "Ya enviado", "usedBody": "Los datos de esta sesión de pago ya se enviaron.",
        "missingTitle": "Sesión no encontrada", "missingBody": "No hay ninguna sesión de pago en esta dirección. Revise el enlace recibido.",
        "cvvHint": "3 cifras (4 para Amex)", "cardHint": "Una tarjeta de prueba, como 4111 1111 1111 1111",
        "error: is required": "es obligatorio", "error: must be a valid email": "debe ser un correo válido",
        "error: has passed": "ha caducado", "error: must be MM/YY or MM/YYYY": "debe ser MM/AA o MM/AAAA",
        "error: is not a supported country": "no es un país admitido",
    ]

    static let french: [String: String] = [
        "title": "Paiement", "heading": "Paiement à", "amountDue": "Montant dû", "skip": "Aller au formulaire",
        "payer": "Vos informations", "card": "Carte", "first_name": "Prénom", "last_name": "Nom",
        "email": "E-mail", "country": "Pays", "state": "État ou province (si votre pays en a)", "card_holder": "Titulaire de la carte", "card_number": "Numéro de carte",
        "card_expiration": "Date d’expiration (MM/AA)", "cvv": "Code de sécurité (CVV)", "pay": "Payer", "save": "Enregistrer", "next": "Suivant",
        "fixErrors": "Veuillez corriger les champs ci-dessous :", "testCards": "Cartes de test du sandbox",
        "holderOutcomes": "Titulaires qui choisissent le résultat",
        "sentTitle": "Informations envoyées", "sentBody": "Vos informations ont été envoyées. Le marchand va confirmer le paiement.",
        "sentEmbedded": "La page qui contient ce formulaire a été prévenue.", "confirmURL": "URL de confirmation", "method": "Méthode",
        "expiredTitle": "Session expirée", "expiredBody": "Cette session de paiement a expiré. Demandez un nouveau lien au marchand.",
        "usedTitle": "Déjà envoyé", "usedBody": "Les informations de cette session de paiement ont déjà été envoyées.",
        "missingTitle": "Session introuvable", "missingBody": "Aucune session de paiement à cette adresse. Vérifiez le lien reçu.",
        "cvvHint": "3 chiffres (4 pour Amex)", "cardHint": "Une carte de test, par exemple 4111 1111 1111 1111",
        "error: is required": "est obligatoire", "error: must be a valid email": "doit être un e-mail valide",
        "error: has passed": "est dépassée", "error: must be MM/YY or MM/YYYY": "doit être MM/AA ou MM/AAAA",
        "error: is not a supported country": "n’est pas un pays pris en charge",
    ]
}
