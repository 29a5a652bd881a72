package com.wooodoo.sync.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operators' web console: static files in {@code static/console/} of the jar, served at
 * {@code /console/} without a token (the page holds no data; every call it makes carries the
 * token the operator signs in with).
 */
@Configuration
public class ConsoleWebConfiguration implements WebMvcConfigurer {

    public static final String PATH = "/console/";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", PATH);
        registry.addViewController(PATH).setViewName("forward:" + PATH + "index.html");
    }
}
