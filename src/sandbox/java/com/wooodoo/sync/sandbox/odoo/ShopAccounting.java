package com.wooodoo.sync.sandbox.odoo;

import java.util.Map;

/**
 * The records {@link OdooSimulator#seedShopAccounting()} makes sure of, by what names them.
 *
 * @param taxes          {@code account.tax} ids by tax name ("UK VAT 20% (incl.)")
 * @param pricelists     {@code product.pricelist} ids by name ("EUR Pricelist", "GBP Pricelist", "Public Pricelist")
 * @param products       {@code product.product} ids by internal reference ("SHIP-FLAT", "FEE")
 * @param walkInCustomer the {@code res.partner} id of the walk-in customer ({@code ref} {@code WALK-IN})
 */
public record ShopAccounting(Map<String, Long> taxes, Map<String, Long> pricelists, Map<String, Long> products,
                             long walkInCustomer) {
}
