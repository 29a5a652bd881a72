package com.wooodoo.sync.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;
import com.wooodoo.sync.support.ImportedOrders;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a scenario of the benchmark seeds, expects and changes, per entity type and direction.
 * Orders come with customers and products of their own (a twentieth of the orders' count each,
 * at least 10), which the orders' sync needs in the target first (see {@link #prerequisites}).
 */
final class BenchData {

    /** Which way a sync goes. */
    enum Direction {
        SHOP_TO_ODOO("shop → Odoo", "[\"woocommerce\",\"odoo\"]"),
        ODOO_TO_SHOP("Odoo → shop", "[\"odoo\",\"woocommerce\"]");

        final String label;
        final String systems;

        Direction(String label, String systems) {
            this.label = label;
            this.systems = systems;
        }

        boolean shopTarget() {
            return this == ODOO_TO_SHOP;
        }

        /** {@code shop-to-odoo}, {@code woocommerce-to-odoo}, {@code odoo-to-shop}, {@code odoo-to-woocommerce}. */
        static Direction named(String name) {
            String clean = name.strip().toLowerCase(Locale.ROOT).replace("woocommerce", "shop").replace('_', '-');
            return switch (clean) {
                case "shop-to-odoo" -> SHOP_TO_ODOO;
                case "odoo-to-shop" -> ODOO_TO_SHOP;
                default -> throw new IllegalArgumentException("bench.directions: \"" + name
                        + "\" is neither shop-to-odoo nor odoo-to-shop");
            };
        }
    }

    private BenchData() {
    }

    static EntityType entity(String name) {
        String clean = name.strip().toLowerCase(Locale.ROOT);
        return switch (clean) {
            case "customers" -> EntityType.CUSTOMERS;
            case "products" -> EntityType.PRODUCTS;
            case "orders" -> EntityType.ORDERS;
            default -> throw new IllegalArgumentException("bench.entities: \"" + name
                    + "\" is not one of customers, products, orders");
        };
    }

    static String apiName(EntityType entity) {
        return entity.name().toLowerCase(Locale.ROOT);
    }

    /** The customers and the products that come with {@code orders} orders. */
    static int referencesOf(int orders) {
        return Math.max(10, orders / 20);
    }

    /** The entity types an orders' sync needs in the target first: customers, then products. */
    static List<EntityType> prerequisites(EntityType entity) {
        return entity == EntityType.ORDERS ? List.of(EntityType.CUSTOMERS, EntityType.PRODUCTS) : List.of();
    }

    /** Both simulators emptied, the source seeded with {@code count} records (and what orders need). */
    static void seed(WooCommerceSimulator woo, OdooSimulator odoo, EntityType entity, Direction direction, int count) {
        woo.reset();
        odoo.reset();
        if (direction == Direction.SHOP_TO_ODOO) {
            if (entity == EntityType.ORDERS) {
                woo.seed(EntityType.CUSTOMERS, referencesOf(count));
                woo.seed(EntityType.PRODUCTS, referencesOf(count));
                woo.seedOrderMix(count, 13);
                odoo.seedShopAccounting();
            } else {
                woo.seed(entity, count);
            }
        } else {
            if (entity == EntityType.ORDERS) {
                odoo.seed(EntityType.CUSTOMERS, referencesOf(count));
                odoo.seed(EntityType.PRODUCTS, referencesOf(count));
            }
            odoo.seed(entity, count);
        }
    }

    /** Empties the target (the source stays as it is). */
    static void resetTarget(WooCommerceSimulator woo, OdooSimulator odoo, EntityType entity, Direction direction) {
        if (direction == Direction.SHOP_TO_ODOO) {
            odoo.reset();
            if (entity == EntityType.ORDERS) {
                odoo.seedShopAccounting();
            }
        } else {
            woo.reset();
        }
    }

    /** The source records a sync of this entity type reads (shop orders: of the statuses imported). */
    static int sourceCount(WooCommerceSimulator woo, OdooSimulator odoo, EntityType entity, Direction direction) {
        if (direction == Direction.SHOP_TO_ODOO) {
            return entity == EntityType.ORDERS ? ImportedOrders.of(woo.orders()).size() : woo.count(entity);
        }
        return odoo.count(model(entity));
    }

    /** The records of this entity type the target holds. */
    static int targetCount(WooCommerceSimulator woo, OdooSimulator odoo, EntityType entity, Direction direction) {
        if (direction == Direction.SHOP_TO_ODOO) {
            return entity == EntityType.CUSTOMERS
                    // the walk-in customer of the shop's accounting is no shop customer
                    ? (int) odoo.records("res.partner").stream().filter(p -> !"WALK-IN".equals(p.path("ref").asText())).count()
                    : entity == EntityType.PRODUCTS
                    ? (int) odoo.records("product.product").stream().filter(p -> !"service".equals(p.path("type").asText())).count()
                    : odoo.count("sale.order");
        }
        return woo.count(entity);
    }

    static String model(EntityType entity) {
        return switch (entity) {
            case CUSTOMERS -> "res.partner";
            case PRODUCTS -> "product.product";
            case ORDERS -> "sale.order";
            case STOCK -> throw new IllegalArgumentException("stock is not an entity of this benchmark");
        };
    }

    /**
     * Changes one source record in a hundred (every hundredth, at least one) in a field the sync
     * maps, so that its modification date moves: in Odoo with a {@code write}, in the shop with
     * {@code POST /<resource>/batch} updates. Answers how many were changed.
     */
    static int changeOnePercent(WooCommerceSimulator woo, OdooSimulator odoo, PlainHttpFloor shop, EntityType entity,
                                Direction direction, String mark) throws Exception {
        List<Long> ids = new ArrayList<>();
        if (direction == Direction.SHOP_TO_ODOO) {
            List<JsonNode> records = entity == EntityType.ORDERS ? ImportedOrders.of(woo.orders()) : woo.records(entity);
            for (int i = 0; i < records.size(); i += 100) {
                ids.add(records.get(i).path("id").asLong());
            }
            String field = switch (entity) {
                case CUSTOMERS -> "first_name";
                case PRODUCTS -> "name";
                default -> "customer_note";
            };
            shop.updateInShop(apiName(entity), ids, field, mark);
        } else {
            List<JsonNode> records = odoo.records(model(entity));
            for (int i = 0; i < records.size(); i += 100) {
                ids.add(records.get(i).path("id").asLong());
            }
            for (long id : ids) {
                odoo.update(model(entity), id, switch (entity) {
                    case CUSTOMERS -> Map.of("city", "Changed " + mark);
                    case PRODUCTS -> Map.of("description_sale", "Changed " + mark);
                    default -> Map.of("note", "Changed " + mark);
                });
            }
        }
        return ids.size();
    }
}
