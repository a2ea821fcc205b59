package dev.smo1.accounts;
