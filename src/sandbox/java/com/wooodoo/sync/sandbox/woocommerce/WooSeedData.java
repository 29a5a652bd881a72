package com.wooodoo.sync.sandbox.woocommerce;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Realistic, deterministic shop data: people, addresses with ISO country codes, products. */
final class WooSeedData {

    record Person(String firstName, String lastName) {
    }

    record Address(String address1, String address2, String city, String state, String postcode, String country,
                   String phone) {
    }

    record Category(long id, String name, String slug, String skuPrefix, List<String> nouns) {
    }

    record ProductIdea(String name, String sku, String price, Category category) {
    }

    private record Place(String city, String state, String country, String postcodePattern, String phonePattern,
                         List<String> streets) {
    }

    private static final List<String> FIRST_NAMES = List.of("John", "Maria", "João", "Ana", "Lukas", "Sophie", "Émile",
            "Chloé", "Liam", "Olivia", "Noah", "Emma", "Mateo", "Lucía", "Jan", "Zoë", "Łukasz", "Agnieszka", "Pedro",
            "Inês", "Hiroshi", "Aiko", "Oliver", "Charlotte", "Giulia", "Marco", "Sven", "Ingrid", "Fatima", "Omar");
    private static final List<String> LAST_NAMES = List.of("Doe", "Silva", "Santos", "Müller", "Schmidt", "Dubois",
            "Martin", "Smith", "Johnson", "García", "Fernández", "de Vries", "Jansen", "Kowalski", "Nowak", "Costa",
            "Pereira", "Tanaka", "Brown", "Taylor", "Rossi", "Bianchi", "Andersson", "Johansson", "O'Brien", "Murphy",
            "Haddad", "Wilson", "Lefèvre", "Ferreira");
    private static final List<String> COMPANIES = List.of("", "", "", "Acme Ltd", "Blue Harbor GmbH", "Northwind SA",
            "Lima & Filhos Lda", "Studio Verde", "Kowalski Sp. z o.o.");
    private static final List<Place> PLACES = List.of(
            new Place("San Francisco", "CA", "US", "941##", "(555) 555-####", List.of("Market Street", "Mission Street", "Valencia Street")),
            new Place("New York", "NY", "US", "100##", "(212) 555-####", List.of("Broadway", "5th Avenue", "Lexington Avenue")),
            new Place("Austin", "TX", "US", "787##", "(512) 555-####", List.of("Congress Avenue", "Lamar Boulevard")),
            new Place("Rio de Janeiro", "RJ", "BR", "2####-000", "(21) 5555-####", List.of("Av. Brasil", "Rua das Laranjeiras")),
            new Place("São Paulo", "SP", "BR", "0####-000", "(11) 5555-####", List.of("Av. Paulista", "Rua Augusta")),
            new Place("Lisboa", "", "PT", "1###-###", "+351 21 ### ####", List.of("Rua Augusta", "Avenida da Liberdade")),
            new Place("Porto", "", "PT", "4###-###", "+351 22 ### ####", List.of("Rua de Santa Catarina", "Rua das Flores")),
            new Place("Berlin", "", "DE", "10###", "+49 30 #######", List.of("Friedrichstraße", "Kastanienallee")),
            new Place("München", "", "DE", "80###", "+49 89 #######", List.of("Leopoldstraße", "Sendlinger Straße")),
            new Place("Paris", "", "FR", "750##", "+33 1 ## ## ## ##", List.of("Rue de Rivoli", "Boulevard Voltaire")),
            new Place("Lyon", "", "FR", "6900#", "+33 4 ## ## ## ##", List.of("Rue de la République", "Cours Lafayette")),
            new Place("Madrid", "M", "ES", "280##", "+34 91 ### ## ##", List.of("Calle de Alcalá", "Gran Vía")),
            new Place("Amsterdam", "", "NL", "10## AB", "+31 20 ### ####", List.of("Prinsengracht", "Damrak")),
            new Place("Milano", "MI", "IT", "201##", "+39 02 #### ####", List.of("Via Torino", "Corso Buenos Aires")),
            new Place("London", "", "GB", "SW1A #AA", "+44 20 #### ####", List.of("Baker Street", "Oxford Street")),
            new Place("Toronto", "ON", "CA", "M5V #A#", "(416) 555-####", List.of("Queen Street West", "King Street")),
            new Place("Warszawa", "", "PL", "00-###", "+48 22 ### ## ##", List.of("ul. Marszałkowska", "ul. Nowy Świat")));
    private static final List<String> DOMAINS = List.of("example.com", "example.org", "example.net");
    private static final List<Category> CATEGORIES = List.of(
            new Category(9, "Clothing", "clothing", "CLO", List.of("Hoodie", "Sweatshirt", "Jacket", "Scarf")),
            new Category(14, "T-shirts", "t-shirts", "TSH", List.of("T-Shirt", "Polo Shirt", "Tank Top")),
            new Category(17, "Accessories", "accessories", "ACC", List.of("Cap", "Tote Bag", "Belt", "Sunglasses")),
            new Category(21, "Coffee", "coffee", "COF", List.of("Coffee Beans 250g", "Espresso Blend 1kg", "Drip Bags")),
            new Category(23, "Books", "books", "BOK", List.of("Notebook", "Cookbook", "Travel Guide")),
            new Category(25, "Music", "music", "MUS", List.of("Album", "Vinyl Single", "Poster")));
    private static final List<String> ADJECTIVES = List.of("Premium", "Classic", "Organic", "Vintage", "Everyday",
            "Ship Your Idea", "Happy Ninja", "Woo", "Nordic", "Urban");
    private static final List<String> NOTES = List.of("", "", "", "", "Please leave the parcel at the door.",
            "Gift wrap, please.", "Call before delivery.");

    private WooSeedData() {
    }

    static Person person(SplittableRandom r) {
        return new Person(pick(r, FIRST_NAMES), pick(r, LAST_NAMES));
    }

    static String company(SplittableRandom r) {
        return pick(r, COMPANIES);
    }

    static Address address(SplittableRandom r) {
        Place place = pick(r, PLACES);
        String street = pick(r, place.streets()) + ", " + (1 + r.nextInt(999));
        String address2 = r.nextInt(4) == 0 ? "Apt " + (1 + r.nextInt(40)) : "";
        return new Address(street, address2, place.city(), place.state(), digits(r, place.postcodePattern()),
                place.country(), digits(r, place.phonePattern()));
    }

    /** A unique, valid address: the ordinal keeps it unique, the domains are reserved for examples. */
    static String email(Person person, int ordinal, SplittableRandom r) {
        return ascii(person.firstName()) + "." + ascii(person.lastName()) + "." + ordinal + "@" + pick(r, DOMAINS);
    }

    static String note(SplittableRandom r) {
        return pick(r, NOTES);
    }

    static ProductIdea product(SplittableRandom r, int ordinal) {
        Category category = pick(r, CATEGORIES);
        String name = pick(r, ADJECTIVES) + " " + pick(r, category.nouns());
        String sku = category.skuPrefix() + "-" + String.format(Locale.ROOT, "%05d", ordinal + 1);
        int[] cents = {0, 49, 90, 95, 99};
        BigDecimal price = BigDecimal.valueOf(2 + r.nextInt(199)).add(BigDecimal.valueOf(cents[r.nextInt(cents.length)], 2));
        return new ProductIdea(name, sku, price.toPlainString(), category);
    }

    static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** Lower-case ASCII for e-mail local parts and slugs: accents dropped, other characters as '-'. */
    static String ascii(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace("ł", "l").replace("Ł", "L");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String digits(SplittableRandom r, String pattern) {
        StringBuilder out = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            out.append(c == '#' ? (char) ('0' + r.nextInt(10)) : c);
        }
        return out.toString();
    }
}
